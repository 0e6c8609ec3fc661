import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFakeLinkedInServer,
  type FakeLinkedInServer,
} from "../../../test/fakes/linkedin/fake-linkedin-server.js";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createLinkedInClient } from "./linkedin-client.js";
import type { LinkedInConfig } from "./linkedin-config.js";
import { createLinkedInPoster } from "./linkedin-poster.js";

const NOW = new Date("2026-11-20T15:30:00.000Z");
let fake: FakeLinkedInServer;
let server: { url: string; close: () => Promise<void> };

beforeEach(async () => {
  fake = createFakeLinkedInServer({ now: () => NOW });
  server = await fake.start();
});
afterEach(async () => {
  await server.close();
});

function poster(overrides: Partial<LinkedInConfig> = {}) {
  const config: LinkedInConfig = {
    accessToken: "linkedin-token",
    authorUrn: fake.authorUrn,
    apiBaseUrl: server.url,
    version: "202607",
    ...overrides,
  };
  return createLinkedInPoster(
    createLinkedInClient({ config, fetch: globalThis.fetch, now: () => NOW }),
    config.authorUrn,
  );
}

describe("LinkedIn poster against the fake Posts API", () => {
  it("creates one public main-feed post with the version headers and reads the URN from x-restli-id", async () => {
    const outcome = await poster({ version: "202611" }).post({ text: "We shipped v2 (finally) #launch" });
    expect(fake.calls).toHaveLength(1);
    const call = fake.calls[0]!;
    expect(call).toMatchObject({ method: "POST", path: "/rest/posts" });
    expect(call.headers).toMatchObject({
      authorization: "Bearer linkedin-token",
      "linkedin-version": "202611",
      "x-restli-protocol-version": "2.0.0",
      "content-type": "application/json",
    });
    expect(call.body).toEqual({
      author: fake.authorUrn,
      commentary: "We shipped v2 \\(finally\\) {hashtag|\\#|launch}",
      visibility: "PUBLIC",
      distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: "PUBLISHED",
      isReshareDisabledByAuthor: false,
    });
    const [post] = [...fake.posts.values()];
    // Escaped as little text, the whole post survives LinkedIn's rendering.
    expect(post!.rendered).toBe("We shipped v2 (finally) #launch");
    expect(outcome).toEqual({
      dryRun: false,
      urn: post!.id,
      url: `https://www.linkedin.com/feed/update/${post!.id}/`,
    });
  });

  it("attaches an article card for a link", async () => {
    await poster().post({
      text: "Read our case study",
      link: "https://acme.example/case",
      linkTitle: "Acme case study",
    });
    expect(fake.calls[0]!.body).toMatchObject({
      content: { article: { source: "https://acme.example/case", title: "Acme case study" } },
    });
  });

  it("maps 426 for a retired version to a LogicError telling the person to update LINKEDIN_VERSION", async () => {
    const error = await poster({ version: "202401" })
      .post({ text: "x" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogicError);
    expect((error as Error).message).toContain("LINKEDIN_VERSION");
    expect((error as Error).message).toContain("202401");
    expect(fake.posts.size).toBe(0);
  });

  it("maps 422 to DataError with LinkedIn's message", async () => {
    await poster().post({ text: "Same words" });
    const error = await poster()
      .post({ text: "Same words" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/duplicate of urn:li:share:/);
  });

  it("maps 401 and 403 to AuthError without the token", async () => {
    const refused = await poster({ accessToken: "stale-token-123" })
      .post({ text: "x" })
      .catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(AuthError);
    expect((refused as Error).message).toContain("LINKEDIN_ACCESS_TOKEN");
    expect((refused as Error).message).not.toContain("stale-token-123");
    const forbidden = await poster({ authorUrn: "urn:li:organization:999" })
      .post({ text: "x" })
      .catch((caught: unknown) => caught);
    expect(forbidden).toBeInstanceOf(AuthError);
    expect((forbidden as Error).message).toContain("LINKEDIN_AUTHOR_URN");
  });

  it("maps 429 to RateLimitError reset at the next UTC midnight, and 5xx to TransientError", async () => {
    fake.failNext({
      status: 429,
      body: {
        status: 429,
        message: "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.",
      },
    });
    const error = await poster()
      .post({ text: "x" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt).toEqual(new Date("2026-11-21T00:00:00.000Z"));
    fake.failNext({ status: 503, body: { status: 503, message: "Service Unavailable" } });
    await expect(poster().post({ text: "y" })).rejects.toBeInstanceOf(TransientError);
  });
});
