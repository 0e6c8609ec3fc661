import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeXServer, type FakeXServer } from "../../../test/fakes/x/fake-x-server.js";
import { createFileXTokenStore } from "./file-x-token-store.js";
import { createXSession } from "./x-session.js";
import { fetchXWeeklyMetrics } from "./x-weekly-metrics.js";

const NOW = new Date("2026-11-20T12:00:00.000Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);

let fake: FakeXServer;
let server: { url: string; close: () => Promise<void> };
let directory: string;

beforeEach(async () => {
  fake = createFakeXServer({ now: () => NOW });
  server = await fake.start();
  directory = await mkdtemp(path.join(tmpdir(), "x-metrics-"));
});

afterEach(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

describe("X weekly metrics", () => {
  it("sums the week's own posts, finds the top post and counts unanswered mentions", async () => {
    const metrics = (like: number, retweet: number, reply: number, quote: number, impression: number) => ({
      like_count: like,
      retweet_count: retweet,
      reply_count: reply,
      quote_count: quote,
      bookmark_count: 0,
      impression_count: impression,
    });
    fake.addUser({ id: "77", username: "client_ana", name: "Ana" });
    const answered = fake.addMention("77", "@acme_studio question one", daysAgo(2));
    fake.addMention("77", "@acme_studio question two", daysAgo(1));
    fake.addMention("77", "@acme_studio old question", daysAgo(10));
    const launch = fake.addOwnPost({
      text: "Launch day!",
      created_at: daysAgo(3).toISOString(),
      public_metrics: metrics(40, 10, 5, 2, 3000),
    });
    fake.addOwnPost({
      text: "Behind the scenes",
      created_at: daysAgo(5).toISOString(),
      public_metrics: metrics(8, 1, 0, 0, 700),
    });
    fake.addOwnPost({
      text: "Thanks for asking!",
      created_at: daysAgo(1).toISOString(),
      referenced_tweets: [{ type: "replied_to", id: answered }],
      public_metrics: metrics(1, 0, 0, 0, 50),
    });
    fake.addOwnPost({
      text: "Last month",
      created_at: daysAgo(20).toISOString(),
      public_metrics: metrics(500, 0, 0, 0, 9000),
    });

    const session = createXSession({
      config: {
        accessToken: "fake-access-token",
        refreshToken: undefined,
        clientId: undefined,
        clientSecret: undefined,
        userId: "1000",
        apiBaseUrl: server.url,
        pollSeconds: 300,
      },
      tokenStore: createFileXTokenStore(directory),
      now: () => NOW,
      sleep: async () => undefined,
    });
    const result = await fetchXWeeklyMetrics({ session, now: () => NOW });

    expect(result).toEqual({
      network: "x",
      since: daysAgo(7).toISOString(),
      until: NOW.toISOString(),
      posts: 3,
      impressions: 3000 + 700 + 50,
      reach: null,
      engagements: 57 + 9 + 1,
      topPost: {
        id: launch,
        url: `https://x.com/i/web/status/${launch}`,
        text: "Launch day!",
        engagements: 57,
      },
      mentionsNeedingReply: 1,
    });
    const timelineCall = fake.calls.find((call) => call.route === "GET /2/users/:id/tweets");
    expect(timelineCall?.query).toMatchObject({ start_time: "2026-11-13T12:00:00Z", max_results: "100" });
  });
});
