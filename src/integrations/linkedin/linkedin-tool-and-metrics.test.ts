import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFakeLinkedInServer,
  type FakeLinkedInServer,
} from "../../../test/fakes/linkedin/fake-linkedin-server.js";
import { createOutbox } from "../../vault/outbox.js";
import { createLinkedInClient } from "./linkedin-client.js";
import { fetchLinkedInWeeklyMetrics } from "./linkedin-weekly-metrics.js";
import { toLittleText } from "./little-text.js";
import { createOutboxLinkedInPoster } from "./outbox-linkedin-poster.js";
import { createPostLinkedInTool } from "./post-linkedin-tool.js";

const NOW = new Date("2026-11-20T15:30:00.000Z");
const daysAgo = (days: number) => NOW.getTime() - days * 24 * 60 * 60 * 1000;
let vault: string;
let fake: FakeLinkedInServer;
let server: { url: string; close: () => Promise<void> };

beforeEach(async () => {
  vault = await mkdtemp(path.join(tmpdir(), "linkedin-"));
  fake = createFakeLinkedInServer({ now: () => NOW });
  server = await fake.start();
});
afterEach(async () => {
  await server.close();
  await rm(vault, { recursive: true, force: true });
});

describe("post_linkedin tool", () => {
  it("derives facts and renders the exact request body to the Outbox in dry run", async () => {
    const tool = createPostLinkedInTool({
      poster: createOutboxLinkedInPoster(
        createOutbox(vault, () => NOW),
        "urn:li:organization:1",
      ),
    });
    const args = tool.input.parse({
      text: "Hiring a designer! Details: https://acme.example/jobs",
      link: "https://acme.example/jobs",
    });
    expect(tool.facts!(args)).toEqual({
      category: "social_post",
      recipients: ["linkedin"],
      scheduled: false,
      links: ["https://acme.example/jobs"],
      summary: 'LinkedIn post: "Hiring a designer! Details: https://acme.example/jobs"',
    });
    const result = await tool.run(args, new AbortController().signal);
    expect(result).toMatchObject({ dryRun: true, text: expect.stringMatching(/^Dry run/) });
    const content = await readFile(path.join(vault, result.data!.outboxPath as string), "utf8");
    expect(content).toContain("author: urn:li:organization:1");
    expect(content).toContain('"feedDistribution": "MAIN_FEED"');
    expect(fake.calls).toHaveLength(0);
  });
});

describe("LinkedIn weekly metrics", () => {
  it("counts the week's posts with their reactions and comments", async () => {
    const top = fake.addPost({
      commentary: toLittleText("Our new office (photos) #team"),
      publishedAt: daysAgo(2),
      reactions: { LIKE: 20, PRAISE: 5 },
      comments: 4,
    });
    fake.addPost({
      commentary: "Quiet update",
      publishedAt: daysAgo(5),
      reactions: { LIKE: 2 },
      comments: 0,
    });
    fake.addPost({
      commentary: "Last month",
      publishedAt: daysAgo(40),
      reactions: { LIKE: 99 },
      comments: 9,
    });

    const client = createLinkedInClient({
      config: {
        accessToken: "linkedin-token",
        authorUrn: fake.authorUrn,
        apiBaseUrl: server.url,
        version: "202607",
      },
      fetch: globalThis.fetch,
      now: () => NOW,
    });
    const result = await fetchLinkedInWeeklyMetrics({ client, authorUrn: fake.authorUrn, now: () => NOW });
    expect(result).toEqual({
      network: "linkedin",
      since: new Date(daysAgo(7)).toISOString(),
      until: NOW.toISOString(),
      posts: 2,
      impressions: null,
      reach: null,
      engagements: 29 + 2,
      topPost: {
        id: top,
        url: `https://www.linkedin.com/feed/update/${top}/`,
        text: "Our new office (photos) #team",
        engagements: 29,
      },
      mentionsNeedingReply: null,
    });
    expect(fake.calls[0]!.headers["x-restli-method"]).toBe("FINDER");
    expect(fake.calls[0]!.query).toMatchObject({ q: "author", author: fake.authorUrn });
  });
});
