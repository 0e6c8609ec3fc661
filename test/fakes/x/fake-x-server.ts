/**
 * @module A fake X API v2 server for tests, written from X's API reference: the mentions and user
 * timelines, `POST /2/tweets` (with the duplicate-content 403 and replies to missing posts), the v2
 * media upload (initialize/append/finalize/STATUS), OAuth 2.0 token renewal with rotating refresh
 * tokens, bearer-token checks (401), and `x-rate-limit-*` headers with scripted 429s. It records every
 * call it receives.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { invalidRequest, registerXMediaRoutes } from "./fake-x-media.js";
import { timeline, type FakeXTweet, type FakeXUpload, type FakeXUser } from "./fake-x-data.js";

export interface FakeXCall {
  method: string;
  /** Path with ids filled in, e.g. `/2/users/1000/mentions`. */
  path: string;
  /** The route, e.g. `GET /2/users/:id/mentions`: the key for scripted rate limits. */
  route: string;
  query: Record<string, string>;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

export interface FakeXOptions {
  clientId?: string;
  /** Set for a confidential client: token renewal then needs HTTP Basic auth. */
  clientSecret?: string;
  accessToken?: string;
  refreshToken?: string;
  /** The user's 24-hour posting cap (X's Free tier allows 17), sent as `x-user-limit-24hour-*`. */
  userPostsPerDay?: number;
  now?: () => Date;
}

/** X's 15-minute window, and a limit that never runs out on its own in tests. */
const WINDOW_SECONDS = 15 * 60;
const WINDOW_LIMIT = 900;
const DAY_MS = 24 * 60 * 60 * 1000;

export function createFakeXServer(options: FakeXOptions = {}) {
  const now = options.now ?? (() => new Date());
  const clientId = options.clientId ?? "fake-client-id";
  const owner: FakeXUser = { id: "1000", username: "acme_studio", name: "Acme Studio" };
  const users = new Map<string, FakeXUser>([[owner.id, owner]]);
  const tweets = new Map<string, FakeXTweet>();
  const uploads = new Map<string, FakeXUpload>();
  const accessTokens = new Set([options.accessToken ?? "fake-access-token"]);
  const refreshTokens = new Set(options.refreshToken ? [options.refreshToken] : ["fake-refresh-token"]);
  const scripted429 = new Map<string, { count: number; reset: Date }>();
  const calls: FakeXCall[] = [];
  let refuseAll = false;
  let nextId = 1_800_000_000_000_000_000n;
  const newId = () => String((nextId += 1n));

  function limitHeaders(c: Context, remaining: number, reset: Date): void {
    c.header("x-rate-limit-limit", String(WINDOW_LIMIT));
    c.header("x-rate-limit-remaining", String(remaining));
    c.header("x-rate-limit-reset", String(Math.floor(reset.getTime() / 1000)));
  }

  const app = new Hono();

  async function record(c: Context, route: string): Promise<void> {
    const type = c.req.header("content-type");
    let body: unknown;
    if (type?.includes("application/json")) body = await c.req.raw.clone().json();
    else if (type?.includes("multipart/form-data") || type?.includes("x-www-form-urlencoded")) {
      const form = await c.req.raw.clone().formData();
      body = Object.fromEntries(
        [...form.entries()].map(([key, value]) => [
          key,
          typeof value === "string" ? value : `<file ${value.size} bytes>`,
        ]),
      );
    }
    calls.push({
      method: c.req.method,
      path: c.req.path,
      route,
      query: c.req.query(),
      authorization: c.req.header("authorization"),
      contentType: type,
      body,
    });
  }

  /** Registers an API route: recorded, bearer-token checked, rate-limit headers, scripted 429s. */
  function api(
    method: "GET" | "POST",
    path: string,
    handler: (c: Context) => Response | Promise<Response>,
  ): void {
    const route = `${method} ${path}`;
    app.on(method, path, async (c) => {
      await record(c, route);
      const token = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
      if (!token || !accessTokens.has(token) || refuseAll) {
        return c.json(
          { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" },
          401,
        );
      }
      const script = scripted429.get(route);
      if (script && script.count > 0) {
        script.count -= 1;
        limitHeaders(c, 0, script.reset);
        return c.json(
          { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
          429,
        );
      }
      limitHeaders(c, WINDOW_LIMIT - 1, new Date(now().getTime() + WINDOW_SECONDS * 1000));
      return handler(c);
    });
  }

  api("GET", "/2/users/me", (c) => c.json({ data: owner }));

  const timelineRoute = (select: (id: string) => FakeXTweet[]) => (c: Context) => {
    const answer = timeline(select(c.req.param("id") ?? ""), users, c.req.query());
    return c.json(answer.body, answer.status);
  };
  api(
    "GET",
    "/2/users/:id/mentions",
    timelineRoute((id) => [...tweets.values()].filter((tweet) => tweet.mentions.includes(id))),
  );
  api(
    "GET",
    "/2/users/:id/tweets",
    timelineRoute((id) => [...tweets.values()].filter((tweet) => tweet.author_id === id)),
  );

  const postedAt: Date[] = [];
  api("POST", "/2/tweets", async (c) => {
    const dayLimit = options.userPostsPerDay ?? 100;
    const today = postedAt.filter((date) => date.getTime() > now().getTime() - DAY_MS);
    const dayReset = new Date((today[0] ?? now()).getTime() + DAY_MS);
    c.header("x-user-limit-24hour-limit", String(dayLimit));
    // What is left after this request, as X reports it.
    c.header("x-user-limit-24hour-remaining", String(Math.max(0, dayLimit - today.length - 1)));
    c.header("x-user-limit-24hour-reset", String(Math.floor(dayReset.getTime() / 1000)));
    if (today.length >= dayLimit) {
      return c.json(
        { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
        429,
      );
    }
    const body = await c.req.json<{
      text?: string;
      reply?: { in_reply_to_tweet_id?: string };
      media?: { media_ids?: string[] };
    }>();
    const text = body.text ?? "";
    const mediaIds = body.media?.media_ids ?? [];
    if (text === "" && mediaIds.length === 0) {
      return invalidRequest(c, "Post text or media is required.");
    }
    if ([...tweets.values()].some((tweet) => tweet.author_id === owner.id && tweet.text === text)) {
      return c.json(
        {
          detail: "You are not allowed to create a Tweet with duplicate content.",
          type: "about:blank",
          title: "Forbidden",
          status: 403,
        },
        403,
      );
    }
    const parentId = body.reply?.in_reply_to_tweet_id;
    const parent = parentId ? tweets.get(parentId) : undefined;
    if (parentId && !parent) {
      return c.json(
        {
          detail: "You attempted to reply to a Tweet that is deleted or not visible to you.",
          type: "about:blank",
          title: "Forbidden",
          status: 403,
        },
        403,
      );
    }
    if (mediaIds.some((id) => !uploads.get(id)?.finalized))
      return invalidRequest(c, "Your media IDs are invalid.");
    const id = newId();
    tweets.set(id, {
      id,
      text,
      author_id: owner.id,
      created_at: now().toISOString(),
      conversation_id: parent?.conversation_id ?? id,
      mentions: parent ? [parent.author_id] : [],
      ...(parent ? { referenced_tweets: [{ type: "replied_to" as const, id: parent.id }] } : {}),
      ...(mediaIds.length > 0 ? { attachments: { media_keys: mediaIds.map((media) => `3_${media}`) } } : {}),
      public_metrics: blankMetrics(),
    });
    postedAt.push(now());
    return c.json({ data: { id, text, edit_history_tweet_ids: [id] } }, 201);
  });

  registerXMediaRoutes({ api, uploads, newId, now });

  app.post("/2/oauth2/token", async (c) => {
    await record(c, "POST /2/oauth2/token");
    if (!c.req.header("content-type")?.includes("application/x-www-form-urlencoded")) {
      return c.json(
        { error: "invalid_request", error_description: "Missing required parameter [grant_type]." },
        400,
      );
    }
    const form = Object.fromEntries(new URLSearchParams(await c.req.text()));
    const basic = options.clientSecret
      ? `Basic ${Buffer.from(`${clientId}:${options.clientSecret}`).toString("base64")}`
      : undefined;
    if (form.client_id !== clientId || (basic !== undefined && c.req.header("authorization") !== basic)) {
      return c.json(
        { error: "unauthorized_client", error_description: "Missing valid authorization header" },
        401,
      );
    }
    if (
      form.grant_type !== "refresh_token" ||
      !form.refresh_token ||
      !refreshTokens.has(form.refresh_token)
    ) {
      return c.json(
        { error: "invalid_request", error_description: "Value passed for the token was invalid." },
        400,
      );
    }
    // X rotates: the used refresh token dies, a new pair is issued.
    refreshTokens.delete(form.refresh_token);
    const access = `fake-access-${newId()}`;
    const refresh = `fake-refresh-${newId()}`;
    accessTokens.add(access);
    refreshTokens.add(refresh);
    return c.json({
      token_type: "bearer",
      expires_in: 7200,
      access_token: access,
      scope: "tweet.read tweet.write users.read media.write offline.access",
      refresh_token: refresh,
    });
  });

  return {
    owner,
    calls,
    tweets,
    uploads,
    addUser(user: FakeXUser): void {
      users.set(user.id, user);
    },
    /** A post by `authorId` mentioning the account; returns its id. */
    addMention(authorId: string, text: string, createdAt = now()): string {
      const id = newId();
      tweets.set(id, {
        id,
        text,
        author_id: authorId,
        created_at: createdAt.toISOString(),
        conversation_id: id,
        mentions: [owner.id],
        public_metrics: blankMetrics(),
      });
      return id;
    },
    addOwnPost(post: Partial<FakeXTweet> & { text: string }): string {
      const id = newId();
      tweets.set(id, {
        id,
        author_id: owner.id,
        created_at: now().toISOString(),
        conversation_id: id,
        mentions: [],
        ...post,
        public_metrics: { ...blankMetrics(), ...post.public_metrics },
      });
      return id;
    },
    /** Makes a token stop working, as when it expires. */
    expireAccessToken(token: string): void {
      accessTokens.delete(token);
    },
    /** Every bearer token is refused from now on, even freshly issued ones (a suspended app). */
    refuseEveryToken(): void {
      refuseAll = true;
    },
    /** The next `count` calls to `route` (e.g. `POST /2/tweets`) answer 429 with this reset. */
    rateLimitNext(route: string, count: number, reset: Date): void {
      scripted429.set(route, { count, reset });
    },
    createdPosts(): FakeXTweet[] {
      return [...tweets.values()].filter((tweet) => tweet.author_id === owner.id);
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

export type FakeXServer = ReturnType<typeof createFakeXServer>;

function blankMetrics(): FakeXTweet["public_metrics"] {
  return {
    retweet_count: 0,
    reply_count: 0,
    like_count: 0,
    quote_count: 0,
    bookmark_count: 0,
    impression_count: 0,
  };
}
