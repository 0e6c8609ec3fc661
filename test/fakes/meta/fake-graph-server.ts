/**
 * @module A fake Graph API server for tests, written from Meta's references: Page `/feed` and `/photos`
 * (with the scheduling rules and the duplicate-post 506), `/posts` with reactions/comments/shares
 * summaries, Page `/insights` (a retired metric answers code 100), the Instagram endpoints of
 * `fake-instagram.ts`, the token check (190) and scripted errors (4/17/32/613 with
 * `X-Business-Use-Case-Usage`). It records every call it receives.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono, type Context } from "hono";
import {
  graphError,
  pageOf,
  pagePostFields,
  requestedFields,
  type FakePagePost,
  type GraphErrorSpec,
} from "./fake-graph-data.js";
import { createFakeInstagram, type GraphAnswer, type GraphRequest } from "./fake-instagram.js";

export interface FakeGraphCall {
  method: string;
  path: string;
  /** e.g. `POST feed`, `GET node` (a read of one object by id): the key for scripted errors. */
  route: string;
  query: Record<string, string>;
  params: Record<string, string>;
  authorization: string | undefined;
}

export const FAKE_PAGE_ID = "1111222233334444";
export const FAKE_IG_USER_ID = "17841400000000001";
const SCHEDULE_MIN_S = 10 * 60;
const SCHEDULE_MAX_S = 30 * 24 * 60 * 60;
const DAY_MS = 24 * 60 * 60 * 1000;

export function createFakeGraphServer(options: { now?: () => Date; tokens?: string[] } = {}) {
  const now = options.now ?? (() => new Date());
  const tokens = new Set(options.tokens ?? ["page-token", "ig-token"]);
  const posts = new Map<string, FakePagePost>();
  const failures = new Map<string, GraphErrorSpec[]>();
  const pageInsights = new Map<string, number[]>();
  const retiredMetrics = new Set(["page_impressions", "page_impressions_unique", "page_fans"]);
  const calls: FakeGraphCall[] = [];
  let nextId = 900_000_000_000n;
  const newId = () => String((nextId += 1n));
  const instagram = createFakeInstagram(now, newId);

  const app = new Hono();
  app.all("/:version/*", async (c) => {
    const [id = "", edge] = c.req.path.split("/").slice(2).map(decodeURIComponent);
    const type = c.req.header("content-type") ?? "";
    let params: Record<string, string> = {};
    if (c.req.method === "POST" && type.includes("application/json")) {
      const json = await c.req.json<Record<string, unknown>>();
      params = Object.fromEntries(Object.entries(json).map(([key, value]) => [key, String(value)]));
    } else if (c.req.method === "POST") {
      params = Object.fromEntries(new URLSearchParams(await c.req.text()));
    }
    const query = c.req.query();
    const route = `${c.req.method} ${edge ?? "node"}`;
    calls.push({
      method: c.req.method,
      path: c.req.path,
      route,
      query,
      params,
      authorization: c.req.header("authorization"),
    });

    if (!/^v\d+\.\d+$/.test(c.req.param("version")))
      return reply(c, { error: { code: 2500, message: "Unknown path components" } });
    const bearer = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
    const token = bearer ?? query.access_token ?? params.access_token;
    if (!token || !tokens.has(token)) {
      const message =
        "Error validating access token: Session has expired on Thursday, 19-Nov-26 10:00:00 PST.";
      return reply(c, { error: { code: 190, error_subcode: 463, message } });
    }
    const scripted = failures.get(route)?.shift();
    if (scripted) return reply(c, { error: scripted });

    const request: GraphRequest = {
      method: c.req.method,
      id,
      edge,
      query,
      params,
      base: c.req.url.split("?")[0]!,
    };
    const answer = handlePage(request) ?? instagram.handle(request);
    return reply(
      c,
      answer ?? {
        error: {
          code: 100,
          error_subcode: 33,
          message: `Unsupported ${c.req.method.toLowerCase()} request. Object with ID '${id}' does not exist`,
        },
      },
    );
  });

  function handlePage(request: GraphRequest): GraphAnswer | undefined {
    const { method, id, edge, query, params } = request;
    if (method === "POST" && (edge === "feed" || edge === "photos")) return createPagePost(id, edge, params);
    if (method === "GET" && edge === "posts") {
      const since = query.since ? Number(query.since) * 1000 : -Infinity;
      const until = query.until ? Number(query.until) * 1000 : Infinity;
      const fields = requestedFields(query.fields);
      const list = [...posts.values()]
        .filter(
          (post) =>
            post.published &&
            Date.parse(post.created_time) >= since &&
            Date.parse(post.created_time) <= until,
        )
        .sort((a, b) => Date.parse(b.created_time) - Date.parse(a.created_time))
        .map((post) => pagePostFields(post, fields, id));
      return {
        body: pageOf(
          list,
          Number(query.limit ?? 25),
          query.after,
          (after) => `${request.base}?after=${after}`,
        ),
      };
    }
    if (method === "GET" && edge === "insights" && id === FAKE_PAGE_ID) {
      const metrics = (query.metric ?? "").split(",");
      if (metrics.some((metric) => retiredMetrics.has(metric) || !pageInsights.has(metric))) {
        return { error: { code: 100, message: "(#100) The value must be a valid insights metric" } };
      }
      const period = query.period ?? "day";
      const endTime = (daysBack: number) =>
        new Date(now().getTime() - daysBack * DAY_MS).toISOString().replace(/\.\d{3}Z$/, "+0000");
      const data = metrics.map((name) => {
        const series = pageInsights.get(name) ?? [];
        const values = series.map((value, index) => ({
          value,
          end_time: endTime(series.length - 1 - index),
        }));
        return {
          name,
          period,
          values,
          title: name,
          description: name,
          id: `${id}/insights/${name}/${period}`,
        };
      });
      return { body: { data } };
    }
    const post = method === "GET" && edge === undefined ? posts.get(id) : undefined;
    return post ? { body: pagePostFields(post, requestedFields(query.fields), FAKE_PAGE_ID) } : undefined;
  }

  function createPagePost(
    pageId: string,
    edge: "feed" | "photos",
    params: Record<string, string>,
  ): GraphAnswer {
    if (pageId !== FAKE_PAGE_ID) return { error: { code: 100, message: `(#100) Unknown Page ${pageId}` } };
    if (edge === "feed" && !params.message && !params.link) {
      return { error: { code: 100, message: "(#100) Missing message or attachment" } };
    }
    if (edge === "photos" && !params.url)
      return { error: { code: 324, message: "(#324) Requires upload file" } };
    const published = params.published !== "false";
    const scheduled = params.scheduled_publish_time ? Number(params.scheduled_publish_time) : undefined;
    if (scheduled !== undefined) {
      const ahead = scheduled - Math.floor(now().getTime() / 1000);
      if (published) {
        return {
          error: { code: 100, message: "(#100) Cannot specify a scheduled publish time on a published post" },
        };
      }
      if (!(ahead >= SCHEDULE_MIN_S && ahead <= SCHEDULE_MAX_S)) {
        return { error: { code: 100, message: "(#100) The specified scheduled publish time is invalid." } };
      }
    }
    const text = edge === "feed" ? (params.message ?? "") : (params.caption ?? "");
    if (text !== "" && [...posts.values()].some((post) => post.published && post.message === text)) {
      return { error: { code: 506, message: "(#506) Duplicate status message" } };
    }
    const postId = `${pageId}_${newId()}`;
    posts.set(postId, {
      id: postId,
      kind: edge === "feed" ? "feed" : "photo",
      message: text,
      ...(params.link ? { link: params.link } : {}),
      ...(params.url ? { image_url: params.url } : {}),
      created_time: now().toISOString(),
      published,
      ...(scheduled !== undefined ? { scheduled_publish_time: scheduled } : {}),
      reactions: 0,
      comments: 0,
      shares: 0,
    });
    return { body: edge === "photos" ? { id: newId(), post_id: postId } : { id: postId } };
  }

  function reply(c: Context, answer: GraphAnswer) {
    if ("body" in answer) return c.json(answer.body as object);
    const { status, body } = graphError(answer.error);
    const minutes = answer.error.regainAccessMinutes;
    if (minutes !== undefined) {
      const usage = {
        type: "pages",
        call_count: 100,
        total_cputime: 12,
        total_time: 20,
        estimated_time_to_regain_access: minutes,
      };
      c.header("x-business-use-case-usage", JSON.stringify({ [FAKE_PAGE_ID]: [usage] }));
    }
    return c.json(body, status as 400);
  }

  return {
    calls,
    posts,
    containers: instagram.containers,
    media: instagram.media,
    /** The next calls to `route` (e.g. `POST feed`) fail with these Graph errors, in order. */
    failNext(route: string, ...errors: GraphErrorSpec[]): void {
      failures.set(route, [...(failures.get(route) ?? []), ...errors]);
    },
    /** Containers created for this image URL answer these statuses on successive checks. */
    scriptContainer: instagram.scriptContainer,
    /** Pretends `count` posts were already published through the API in the last 24 hours. */
    usePublishingQuota: instagram.usePublishingQuota,
    addInstagramMedia: instagram.addMedia,
    setPageInsights(metric: string, dailyValues: number[]): void {
      pageInsights.set(metric, dailyValues);
    },
    retireMetric(metric: string): void {
      retiredMetrics.add(metric);
    },
    addPagePost(post: Partial<FakePagePost> & { message: string; created_time: string }): string {
      const postId = `${FAKE_PAGE_ID}_${newId()}`;
      posts.set(postId, {
        id: postId,
        kind: "feed",
        published: true,
        reactions: 0,
        comments: 0,
        shares: 0,
        ...post,
      });
      return postId;
    },
    async start(): Promise<{ url: string; close: () => Promise<void> }> {
      const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
      });
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve, reject) =>
            server.close((error) => (error ? reject(error) : resolve())),
          ),
      };
    },
  };
}

export type FakeGraphServer = ReturnType<typeof createFakeGraphServer>;
