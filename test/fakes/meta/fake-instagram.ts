/**
 * @module The Instagram half of the fake Graph server: content publishing (`/media` containers whose
 * `status_code` follows a script, `/media_publish`, `/content_publishing_limit` at 50 per rolling
 * 24 hours), the account's `/media` list and per-media `insights`.
 */
import {
  pageOf,
  requestedFields,
  type ContainerStatus,
  type FakeContainer,
  type FakeInstagramMedia,
  type GraphErrorSpec,
} from "./fake-graph-data.js";

export type GraphAnswer = { body: unknown } | { error: GraphErrorSpec };

export interface GraphRequest {
  method: string;
  id: string;
  edge: string | undefined;
  query: Record<string, string>;
  params: Record<string, string>;
  /** The request URL without its query, for `paging.next`. */
  base: string;
}

const QUOTA_TOTAL = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export function createFakeInstagram(now: () => Date, newId: () => string) {
  const containers = new Map<string, FakeContainer>();
  const media = new Map<string, FakeInstagramMedia>();
  const scripts = new Map<string, ContainerStatus[]>();
  const publishedAt: Date[] = [];

  const statusOf = (container: FakeContainer): ContainerStatus =>
    container.script[Math.min(Math.max(container.checks - 1, 0), container.script.length - 1)]!;
  const recentPublishes = () =>
    publishedAt.filter((date) => date.getTime() > now().getTime() - DAY_MS).length;
  const graphTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "+0000");

  function createContainer(params: Record<string, string>): GraphAnswer {
    if (!params.image_url)
      return { error: { code: 100, message: "(#100) The parameter image_url is required" } };
    const id = newId();
    containers.set(id, {
      id,
      image_url: params.image_url,
      caption: params.caption ?? "",
      script: scripts.get(params.image_url) ?? ["IN_PROGRESS", "FINISHED"],
      checks: 0,
      published: false,
    });
    return { body: { id } };
  }

  function publish(params: Record<string, string>): GraphAnswer {
    const container = containers.get(params.creation_id ?? "");
    if (!container)
      return { error: { code: 100, message: "(#100) Param creation_id must be a valid container id" } };
    if (container.published)
      return { error: { code: 100, message: "(#100) The container was already published" } };
    if (statusOf(container) !== "FINISHED") {
      return { error: { code: 9007, error_subcode: 2207027, message: "Media ID is not available" } };
    }
    if (recentPublishes() >= QUOTA_TOTAL) {
      return {
        error: {
          code: 9,
          error_subcode: 2207042,
          message:
            "Application request limit reached: the maximum number of posts allowed in 24 hours was reached",
        },
      };
    }
    container.published = true;
    publishedAt.push(now());
    const id = newId();
    media.set(id, {
      id,
      caption: container.caption,
      timestamp: graphTime(now()),
      like_count: 0,
      comments_count: 0,
      permalink: `https://www.instagram.com/p/FAKE${id}/`,
    });
    return { body: { id } };
  }

  function insights(id: string, query: Record<string, string>): GraphAnswer {
    const item = media.get(id);
    const metrics = (query.metric ?? "").split(",");
    if (metrics.some((metric) => metric !== "reach" && metric !== "views")) {
      return {
        error: {
          code: 100,
          message:
            "(#100) metric[0] must be one of the following values: reach, views, likes, comments, shares, saved, total_interactions",
        },
      };
    }
    const values = item?.insights;
    if (!values)
      return { error: { code: 10, message: "(#10) Not enough viewers for the media to show insights" } };
    return {
      body: {
        data: metrics.map((name) => ({
          name,
          period: "lifetime",
          values: [{ value: values[name as "reach" | "views"] }],
          title: name,
          id: `${id}/insights/${name}/lifetime`,
        })),
      },
    };
  }

  /** Answers the request when it is an Instagram one; undefined otherwise. */
  function handle(request: GraphRequest): GraphAnswer | undefined {
    const { method, id, edge, query, params } = request;
    if (method === "POST" && edge === "media") return createContainer(params);
    if (method === "POST" && edge === "media_publish") return publish(params);
    if (method === "GET" && edge === "content_publishing_limit") {
      return {
        body: {
          data: [
            { quota_usage: recentPublishes(), config: { quota_total: QUOTA_TOTAL, quota_duration: 86_400 } },
          ],
        },
      };
    }
    if (method === "GET" && edge === "media") {
      const fields = requestedFields(query.fields || "id");
      const list = [...media.values()]
        .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp))
        .map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => fields.has(key))));
      return {
        body: pageOf(
          list,
          Number(query.limit ?? 25),
          query.after,
          (after) => `${request.base}?after=${after}`,
        ),
      };
    }
    if (method === "GET" && edge === "insights" && media.has(id)) return insights(id, query);
    if (method === "GET" && edge === undefined) {
      const container = containers.get(id);
      if (container) {
        if (!container.published) container.checks += 1;
        const status = container.published ? "PUBLISHED" : statusOf(container);
        return {
          body: {
            status_code: status,
            ...(status === "ERROR" ? { status: "Error: Media download has failed. (2207052)" } : {}),
            id,
          },
        };
      }
      const item = media.get(id);
      const fields = requestedFields(query.fields || "id");
      if (item)
        return {
          body: Object.fromEntries(Object.entries(item).filter(([key]) => fields.has(key) || key === "id")),
        };
    }
    return undefined;
  }

  return {
    containers,
    media,
    handle,
    scriptContainer: (imageUrl: string, statuses: ContainerStatus[]): void => {
      scripts.set(imageUrl, statuses);
    },
    usePublishingQuota: (count: number): void => {
      for (let index = 0; index < count; index += 1) publishedAt.push(now());
    },
    addMedia: (item: Omit<FakeInstagramMedia, "id" | "permalink">): string => {
      const id = newId();
      media.set(id, { id, permalink: `https://www.instagram.com/p/FAKE${id}/`, ...item });
      return id;
    },
  };
}
