import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFakeGraphServer,
  FAKE_IG_USER_ID,
  FAKE_PAGE_ID,
  type FakeGraphServer,
} from "../../../test/fakes/meta/fake-graph-server.js";
import { fetchFacebookWeeklyMetrics } from "./facebook-weekly-metrics.js";
import { createGraphClient } from "./graph-client.js";
import { fetchInstagramWeeklyMetrics } from "./instagram-weekly-metrics.js";

const NOW = new Date("2026-11-20T12:00:00.000Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
let fake: FakeGraphServer;
let server: { url: string; close: () => Promise<void> };

beforeEach(async () => {
  fake = createFakeGraphServer({ now: () => NOW });
  server = await fake.start();
});
afterEach(async () => {
  await server.close();
});

const graph = (token: string) =>
  createGraphClient({
    baseUrl: `${server.url}/v26.0`,
    accessToken: token,
    tokenVariable: "T",
    fetch: globalThis.fetch,
    now: () => NOW,
  });

describe("Facebook weekly metrics", () => {
  it("adds up the week's posts and the Page's media views, and takes the week's unique viewers", async () => {
    const top = fake.addPagePost({
      message: "Case study: Acme rebrand",
      created_time: daysAgo(2),
      reactions: 30,
      comments: 5,
      shares: 4,
    });
    fake.addPagePost({
      message: "Monday motivation",
      created_time: daysAgo(6),
      reactions: 3,
      comments: 0,
      shares: 0,
    });
    fake.addPagePost({
      message: "Old news",
      created_time: daysAgo(9),
      reactions: 100,
      comments: 9,
      shares: 9,
    });
    fake.setPageInsights("page_media_view", [100, 120, 90, 300, 250, 80, 60]);
    fake.setPageInsights("page_total_media_view_unique", [700, 720, 760]);

    const result = await fetchFacebookWeeklyMetrics({
      graph: graph("page-token"),
      pageId: FAKE_PAGE_ID,
      now: () => NOW,
    });
    expect(result).toEqual({
      network: "facebook",
      since: daysAgo(7),
      until: NOW.toISOString(),
      posts: 2,
      impressions: 1000,
      reach: 760,
      engagements: 39 + 3,
      topPost: {
        id: top,
        url: `https://www.facebook.com/${FAKE_PAGE_ID}/posts/${top.split("_")[1]}`,
        text: "Case study: Acme rebrand",
        engagements: 39,
      },
      mentionsNeedingReply: null,
    });
    const postsCall = fake.calls.find((call) => call.route === "GET posts")!;
    expect(postsCall.query.fields).toContain("reactions.limit(0).summary(true)");
    expect(postsCall.query.since).toBe(String(Date.parse(daysAgo(7)) / 1000));
  });

  it("reports a figure Meta has retired as null instead of failing the summary", async () => {
    fake.addPagePost({
      message: "Only post",
      created_time: daysAgo(1),
      reactions: 2,
      comments: 1,
      shares: 0,
    });
    fake.setPageInsights("page_media_view", [5, 5]);
    fake.retireMetric("page_total_media_view_unique");
    const result = await fetchFacebookWeeklyMetrics({
      graph: graph("page-token"),
      pageId: FAKE_PAGE_ID,
      now: () => NOW,
    });
    expect(result).toMatchObject({ posts: 1, impressions: 10, reach: null, engagements: 3 });
  });
});

describe("Instagram weekly metrics", () => {
  it("counts the week's media with likes, comments and per-post views and reach", async () => {
    const best = fake.addInstagramMedia({
      caption: "Studio tour #behindthescenes",
      timestamp: daysAgo(1),
      like_count: 80,
      comments_count: 12,
      insights: { reach: 900, views: 1500 },
    });
    fake.addInstagramMedia({
      caption: "Palette",
      timestamp: daysAgo(4),
      like_count: 20,
      comments_count: 1,
      insights: { reach: 300, views: 450 },
    });
    fake.addInstagramMedia({
      caption: "Too new for insights",
      timestamp: daysAgo(0.1),
      like_count: 1,
      comments_count: 0,
    });
    fake.addInstagramMedia({
      caption: "Last month",
      timestamp: daysAgo(30),
      like_count: 999,
      comments_count: 99,
      insights: { reach: 1, views: 1 },
    });

    const result = await fetchInstagramWeeklyMetrics({
      graph: graph("ig-token"),
      userId: FAKE_IG_USER_ID,
      now: () => NOW,
    });
    expect(result).toEqual({
      network: "instagram",
      since: daysAgo(7),
      until: NOW.toISOString(),
      posts: 3,
      impressions: 1950,
      reach: 1200,
      engagements: 92 + 21 + 1,
      topPost: {
        id: best,
        url: `https://www.instagram.com/p/FAKE${best}/`,
        text: "Studio tour #behindthescenes",
        engagements: 92,
      },
      mentionsNeedingReply: null,
    });
    expect(fake.calls.filter((call) => call.route === "GET insights")).toHaveLength(3);
  });
});
