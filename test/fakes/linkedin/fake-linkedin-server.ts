/**
 * @module A fake LinkedIn REST server for tests, written from LinkedIn's Posts API, versioning and
 * Social Metadata references: header checks (bearer token → 401, `LinkedIn-Version` missing → 400,
 * retired or unknown → 426, `X-Restli-Protocol-Version: 2.0.0`), `POST /rest/posts` answering 201 with
 * the URN in `x-restli-id` (422 on a malformed or duplicate post, 403 for an author the token may not
 * post as), the `q=author` finder, `socialMetadata`, and scripted failures such as 429. It renders
 * little-text commentary the way LinkedIn does, cutting it at an unescaped reserved character.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono, type Context } from "hono";

export interface FakeLinkedInCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeLinkedInPost {
  id: string;
  author: string;
  commentary: string;
  /** What a reader sees: the commentary rendered from little text. */
  rendered: string;
  visibility: string;
  lifecycleState: string;
  publishedAt: number;
  content?: unknown;
  reactions: Record<string, number>;
  comments: number;
}

export interface FakeLinkedInOptions {
  token?: string;
  authorUrn?: string;
  /** Versions LinkedIn serves, oldest to newest (YYYYMM). */
  oldestVersion?: string;
  newestVersion?: string;
  now?: () => Date;
}

/** LinkedIn cuts a post at the first reserved character that is neither escaped nor a template. */
export function renderLittleText(commentary: string): string {
  const output: string[] = [];
  for (let index = 0; index < commentary.length; index += 1) {
    const character = commentary[index]!;
    if (character === "\\" && index + 1 < commentary.length) {
      output.push(commentary[(index += 1)]!);
    } else if (commentary.startsWith("{hashtag|\\#|", index)) {
      const end = commentary.indexOf("}", index);
      if (end === -1) break;
      output.push(`#${commentary.slice(index + "{hashtag|\\#|".length, end).replace(/\\(.)/g, "$1")}`);
      index = end;
    } else if ("|{}@[]()<>#*_~".includes(character)) {
      break;
    } else {
      output.push(character);
    }
  }
  return output.join("");
}

export function createFakeLinkedInServer(options: FakeLinkedInOptions = {}) {
  const token = options.token ?? "linkedin-token";
  const authorUrn = options.authorUrn ?? "urn:li:organization:5515715";
  const oldest = options.oldestVersion ?? "202511";
  const newest = options.newestVersion ?? "202611";
  const now = options.now ?? (() => new Date());
  const posts = new Map<string, FakeLinkedInPost>();
  const calls: FakeLinkedInCall[] = [];
  const failures: { status: number; body: unknown }[] = [];
  let nextId = 7_300_000_000_000_000_000n;

  const app = new Hono();
  app.use("/rest/*", async (c, next) => {
    const text = c.req.method === "POST" ? await c.req.raw.clone().text() : "";
    calls.push({
      method: c.req.method,
      path: c.req.path,
      query: c.req.query(),
      headers: Object.fromEntries(c.req.raw.headers.entries()),
      body: text ? (JSON.parse(text) as unknown) : undefined,
    });
    if (c.req.header("authorization") !== `Bearer ${token}`) {
      return c.json(
        {
          status: 401,
          serviceErrorCode: 65600,
          code: "INVALID_ACCESS_TOKEN",
          message: "Invalid access token",
        },
        401,
      );
    }
    const version = c.req.header("linkedin-version");
    if (!version) {
      return c.json(
        {
          status: 400,
          code: "VERSION_MISSING",
          message:
            "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
        },
        400,
      );
    }
    const month = version.slice(0, 6);
    if (!/^\d{6}(\.\d{2})?$/.test(version) || month < oldest || month > newest) {
      return c.json(
        { status: 426, code: "NONEXISTENT_VERSION", message: `Requested version ${version} is not active` },
        426,
      );
    }
    if (c.req.header("x-restli-protocol-version") !== "2.0.0") {
      return c.json(
        { status: 400, message: "Rest.li protocol version 2.0.0 is required by this resource" },
        400,
      );
    }
    const failure = failures.shift();
    if (failure) return c.json(failure.body as object, failure.status as 400);
    return next();
  });

  app.post("/rest/posts", async (c) => {
    const body = await c.req.json<Record<string, unknown>>();
    const distribution = body.distribution as { feedDistribution?: unknown } | undefined;
    const problems: string[] = [];
    if (typeof body.author !== "string" || !/^urn:li:(person|organization):/.test(body.author))
      problems.push("/author");
    if (typeof body.commentary !== "string" || body.commentary.length > 3000) problems.push("/commentary");
    if (!["PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"].includes(String(body.visibility)))
      problems.push("/visibility");
    if (!["MAIN_FEED", "NONE"].includes(String(distribution?.feedDistribution)))
      problems.push("/distribution/feedDistribution");
    if (!["PUBLISHED", "DRAFT"].includes(String(body.lifecycleState))) problems.push("/lifecycleState");
    if (problems.length > 0)
      return unprocessable(c, problems.map((path) => `ERROR :: ${path} :: is missing or invalid`).join("; "));
    if (body.author !== authorUrn) {
      return c.json(
        {
          status: 403,
          serviceErrorCode: 100,
          code: "ACCESS_DENIED",
          message: `Member is not authorized to create a post as ${String(body.author)}`,
        },
        403,
      );
    }
    const commentary = body.commentary as string;
    const duplicate = [...posts.values()].find((post) => post.commentary === commentary);
    if (duplicate) return unprocessable(c, `Content is a duplicate of ${duplicate.id}`);
    const id = `urn:li:share:${(nextId += 1n)}`;
    posts.set(id, {
      id,
      author: authorUrn,
      commentary,
      rendered: renderLittleText(commentary),
      visibility: String(body.visibility),
      lifecycleState: String(body.lifecycleState),
      publishedAt: now().getTime(),
      ...(body.content ? { content: body.content } : {}),
      reactions: {},
      comments: 0,
    });
    c.header("x-restli-id", id);
    c.header("x-linkedin-id", id);
    return c.body(null, 201);
  });

  app.get("/rest/posts", (c) => {
    if (c.req.header("x-restli-method")?.toUpperCase() !== "FINDER" || c.req.query("q") !== "author") {
      return c.json(
        { status: 400, message: "Finder method requires q=author and X-RestLi-Method: FINDER" },
        400,
      );
    }
    const count = Math.min(Number(c.req.query("count") ?? 10), 100);
    const start = Number(c.req.query("start") ?? 0);
    const mine = [...posts.values()]
      .filter((post) => post.author === c.req.query("author"))
      .sort((a, b) => b.publishedAt - a.publishedAt);
    const elements = mine.slice(start, start + count).map((post) => ({
      id: post.id,
      author: post.author,
      commentary: post.commentary,
      visibility: post.visibility,
      lifecycleState: post.lifecycleState,
      createdAt: post.publishedAt,
      publishedAt: post.publishedAt,
      lastModifiedAt: post.publishedAt,
      distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
    }));
    return c.json({ paging: { start, count, total: mine.length, links: [] }, elements });
  });

  app.get("/rest/socialMetadata/:urn", (c) => {
    const post = posts.get(decodeURIComponent(c.req.param("urn")));
    if (!post) return c.json({ status: 404, message: "Not Found" }, 404);
    return c.json({
      reactionSummaries: Object.fromEntries(
        Object.entries(post.reactions).map(([type, count]) => [type, { reactionType: type, count }]),
      ),
      commentsState: "OPEN",
      commentSummary: { count: post.comments, topLevelCount: post.comments },
      entity: post.id,
    });
  });

  function unprocessable(c: Context, message: string) {
    return c.json({ status: 422, message }, 422);
  }

  return {
    calls,
    posts,
    authorUrn,
    /** The next requests fail with these answers, in order (e.g. a 429). */
    failNext(...answers: { status: number; body: unknown }[]): void {
      failures.push(...answers);
    },
    addPost(post: Partial<FakeLinkedInPost> & { commentary: string; publishedAt: number }): string {
      const id = `urn:li:share:${(nextId += 1n)}`;
      posts.set(id, {
        id,
        author: authorUrn,
        rendered: renderLittleText(post.commentary),
        visibility: "PUBLIC",
        lifecycleState: "PUBLISHED",
        reactions: {},
        comments: 0,
        ...post,
      });
      return id;
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

export type FakeLinkedInServer = ReturnType<typeof createFakeLinkedInServer>;
