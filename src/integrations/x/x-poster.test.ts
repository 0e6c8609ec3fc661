import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeXServer, type FakeXServer } from "../../../test/fakes/x/fake-x-server.js";
import { AuthError } from "../../governance/errors/auth-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { createFileXTokenStore, X_TOKEN_FILE_NAME } from "./file-x-token-store.js";
import type { XConfig } from "./x-config.js";
import { createXPoster } from "./x-poster.js";
import { createXSession } from "./x-session.js";

const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);

let fake: FakeXServer;
let server: { url: string; close: () => Promise<void> };
let tokenDirectory: string;
let sleeps: number[];

beforeEach(async () => {
  fake = createFakeXServer({ accessToken: "old-access", refreshToken: "old-refresh", clientId: "client-1" });
  server = await fake.start();
  tokenDirectory = await mkdtemp(path.join(tmpdir(), "x-tokens-"));
  sleeps = [];
});

afterEach(async () => {
  await server.close();
  await rm(tokenDirectory, { recursive: true, force: true });
});

function setup(overrides: Partial<XConfig> = {}) {
  const config: XConfig = {
    accessToken: "old-access",
    refreshToken: "old-refresh",
    clientId: "client-1",
    clientSecret: undefined,
    userId: undefined,
    apiBaseUrl: server.url,
    pollSeconds: 300,
    ...overrides,
  };
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  const tokenStore = createFileXTokenStore(tokenDirectory);
  const session = createXSession({ config, tokenStore, now: () => new Date(), sleep });
  return { poster: createXPoster(session, sleep), tokenStore, session };
}

const postCalls = () => fake.calls.filter((call) => call.route === "POST /2/tweets");

describe("X poster against the fake X API", () => {
  it("publishes a post with exactly one create call of the documented shape", async () => {
    const { poster } = setup();
    const outcome = await poster.post({ text: "New portfolio piece is live" });
    expect(outcome.dryRun).toBe(false);
    expect(postCalls()).toHaveLength(1);
    expect(postCalls()[0]).toMatchObject({
      authorization: "Bearer old-access",
      body: { text: "New portfolio piece is live" },
    });
    expect(postCalls()[0]!.contentType).toContain("application/json");
    const created = fake.createdPosts();
    expect(created).toHaveLength(1);
    expect(outcome).toEqual({
      dryRun: false,
      id: created[0]!.id,
      url: `https://x.com/i/web/status/${created[0]!.id}`,
    });
  });

  it("replies with reply.in_reply_to_tweet_id", async () => {
    fake.addUser({ id: "77", username: "client_ana", name: "Ana" });
    const mention = fake.addMention("77", "@acme_studio are you taking new work?");
    const { poster } = setup();
    await poster.post({ text: "Yes! DM us the details.", inReplyToTweetId: mention });
    expect(postCalls()[0]!.body).toEqual({
      text: "Yes! DM us the details.",
      reply: { in_reply_to_tweet_id: mention },
    });
    expect(fake.createdPosts()[0]!.referenced_tweets).toEqual([{ type: "replied_to", id: mention }]);
  });

  it("uploads media through initialize, append and finalize before posting", async () => {
    const { poster } = setup();
    await poster.post({
      text: "Look at this",
      media: [{ name: "a.png", mediaType: "image/png", data: PNG }],
    });
    const routes = fake.calls.map((call) => call.route);
    expect(routes).toEqual([
      "POST /2/media/upload/initialize",
      "POST /2/media/upload/:id/append",
      "POST /2/media/upload/:id/finalize",
      "POST /2/tweets",
    ]);
    const mediaId = [...fake.uploads.keys()][0]!;
    expect(fake.calls[0]!.body).toEqual({
      media_type: "image/png",
      total_bytes: PNG.byteLength,
      media_category: "tweet_image",
    });
    expect(fake.calls[1]!.contentType).toContain("multipart/form-data");
    expect(postCalls()[0]!.body).toEqual({ text: "Look at this", media: { media_ids: [mediaId] } });
  });

  it("waits out GIF processing with bounded STATUS checks", async () => {
    const { poster } = setup();
    const gif = Uint8Array.from(Buffer.from("GIF89a-animated"));
    await poster.post({ text: "Animated", media: [{ name: "a.gif", mediaType: "image/gif", data: gif }] });
    expect(fake.calls.filter((call) => call.route === "GET /2/media/upload")).toHaveLength(1);
    expect(sleeps).toEqual([1000]);
    expect(postCalls()).toHaveLength(1);
  });

  it("reports the duplicate-content 403 as a duplicate", async () => {
    fake.addOwnPost({ text: "Same words" });
    const { poster } = setup();
    const error = await poster.post({ text: "Same words" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogicError);
    expect((error as Error).message).toMatch(/duplicate/);
  });

  it("answers at once with RateLimitError when the reset is far away, and does not call again", async () => {
    const reset = new Date(Date.now() + 15 * 60 * 1000);
    fake.rateLimitNext("POST /2/tweets", 5, reset);
    const { poster } = setup();
    const error = await poster.post({ text: "Busy day" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt?.getTime()).toBe(Math.floor(reset.getTime() / 1000) * 1000);
    expect(sleeps).toEqual([]);
    expect(postCalls()).toHaveLength(1);
    // The remembered headers park the next post without another request.
    await expect(poster.post({ text: "Another one" })).rejects.toBeInstanceOf(RateLimitError);
    expect(postCalls()).toHaveLength(1);
  });

  it("parks posts when the user's 24-hour posting cap is spent, even with the 15-minute window open", async () => {
    await server.close();
    fake = createFakeXServer({
      accessToken: "old-access",
      refreshToken: "old-refresh",
      clientId: "client-1",
      userPostsPerDay: 2,
    });
    server = await fake.start();
    const { poster } = setup();
    await poster.post({ text: "one" });
    await poster.post({ text: "two" });
    const error = await poster.post({ text: "three" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 60 * 60 * 1000);
    expect(postCalls()).toHaveLength(2);
  });

  it("retries once after a reset that is only seconds away", async () => {
    fake.rateLimitNext("POST /2/tweets", 1, new Date(Date.now() + 3_000));
    const { poster } = setup();
    await poster.post({ text: "Short wait" });
    expect(postCalls()).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(0);
    expect(sleeps[0]).toBeLessThanOrEqual(5_000);
  });

  it("gives up with RateLimitError when the short wait did not help", async () => {
    fake.rateLimitNext("POST /2/tweets", 3, new Date(Date.now() + 2_000));
    const { poster } = setup();
    await expect(poster.post({ text: "Still busy" })).rejects.toBeInstanceOf(RateLimitError);
    expect(postCalls()).toHaveLength(2);
  });

  it("renews an expired token once, keeps the new pair outside the vault (0600), and posts", async () => {
    fake.expireAccessToken("old-access");
    const { poster, tokenStore } = setup();
    await poster.post({ text: "After renewal" });
    const tokenCalls = fake.calls.filter((call) => call.route === "POST /2/oauth2/token");
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.contentType).toContain("application/x-www-form-urlencoded");
    expect(tokenCalls[0]!.body).toEqual({
      grant_type: "refresh_token",
      refresh_token: "old-refresh",
      client_id: "client-1",
    });
    expect(postCalls().map((call) => call.authorization)).toEqual([
      "Bearer old-access",
      expect.stringMatching(/^Bearer fake-access-/),
    ]);
    const stored = await tokenStore.read();
    expect(stored?.accessToken).toMatch(/^fake-access-/);
    expect(stored?.refreshToken).toMatch(/^fake-refresh-/);
    const file = path.join(tokenDirectory, X_TOKEN_FILE_NAME);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, "utf8")).not.toContain("old-refresh");

    // A new process starts from the stored pair, not the dead environment token.
    const { poster: restarted } = setup();
    await restarted.post({ text: "After restart" });
    expect(fake.calls.filter((call) => call.route === "POST /2/oauth2/token")).toHaveLength(1);
    expect(postCalls().at(-1)!.authorization).toBe(`Bearer ${stored?.accessToken}`);
  });

  it("picks up a pair another process renewed instead of spending the rotated refresh token", async () => {
    const first = setup();
    const second = setup();
    // The first process holds the old pair in memory, then the second renews it.
    await first.session.userId();
    fake.expireAccessToken("old-access");
    await second.poster.post({ text: "warm up" });
    await first.poster.post({ text: "from the first process" });
    expect(postCalls().map((call) => call.authorization)).toEqual([
      "Bearer old-access",
      expect.stringMatching(/^Bearer fake-access-/),
      "Bearer old-access",
      postCalls()[1]!.authorization,
    ]);
    expect(fake.calls.filter((call) => call.route === "POST /2/oauth2/token")).toHaveLength(1);
    expect(fake.createdPosts().map((post) => post.text)).toEqual(["warm up", "from the first process"]);
  });

  it("is an AuthError when the token is refused and cannot be renewed", async () => {
    fake.expireAccessToken("old-access");
    const { poster } = setup({ refreshToken: undefined });
    const error = await poster.post({ text: "x" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain("X_REFRESH_TOKEN");
    expect((error as Error).message).not.toContain("old-access");
  });

  it("is an AuthError when X refuses the refresh token", async () => {
    fake.expireAccessToken("old-access");
    const { poster } = setup({ refreshToken: "revoked-refresh" });
    const error = await poster.post({ text: "x" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).not.toContain("revoked-refresh");
    expect(postCalls()).toHaveLength(1);
  });

  it("is an AuthError when the renewed token is refused too, after exactly one renewal", async () => {
    fake.refuseEveryToken();
    const { poster } = setup();
    await expect(poster.post({ text: "x" })).rejects.toBeInstanceOf(AuthError);
    expect(fake.calls.filter((call) => call.route === "POST /2/oauth2/token")).toHaveLength(1);
    expect(postCalls()).toHaveLength(2);
  });
});
