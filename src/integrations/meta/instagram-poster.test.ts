import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFakeGraphServer,
  FAKE_IG_USER_ID,
  type FakeGraphServer,
} from "../../../test/fakes/meta/fake-graph-server.js";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createStateStore, type StateStore } from "../../vault/state-store.js";
import { createGraphClient } from "./graph-client.js";
import { createInstagramPublishLedger, INSTAGRAM_DAILY_PUBLISH_LIMIT } from "./instagram-publish-ledger.js";
import {
  createInstagramPoster,
  INSTAGRAM_CONTAINER_CHECK_INTERVAL_MS,
  INSTAGRAM_CONTAINER_MAX_CHECKS,
} from "./instagram-poster.js";

const IMAGE = "https://cdn.example/portfolio.jpg";
let fake: FakeGraphServer;
let server: { url: string; close: () => Promise<void> };
let directory: string;
let state: StateStore;
let clock: number;
let sleeps: number[];

beforeEach(async () => {
  clock = Date.parse("2026-11-20T10:00:00.000Z");
  fake = createFakeGraphServer({ now: () => new Date(clock) });
  server = await fake.start();
  directory = await mkdtemp(path.join(tmpdir(), "ig-"));
  state = createStateStore(directory);
  sleeps = [];
});
afterEach(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

function poster(options: { sleepAdvancesBy?: number } = {}) {
  const now = () => new Date(clock);
  const graph = createGraphClient({
    baseUrl: `${server.url}/v26.0`,
    accessToken: "ig-token",
    tokenVariable: "INSTAGRAM_ACCESS_TOKEN",
    fetch: globalThis.fetch,
    now,
  });
  return createInstagramPoster({
    graph,
    userId: FAKE_IG_USER_ID,
    ledger: createInstagramPublishLedger(state, FAKE_IG_USER_ID, now),
    now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += options.sleepAdvancesBy ?? ms;
    },
  });
}

const routes = () => fake.calls.map((call) => call.route);

describe("Instagram poster against the fake Graph API", () => {
  it("checks the limit, creates a container, waits for FINISHED and publishes exactly once", async () => {
    const outcome = await poster().post({ imageUrl: IMAGE, caption: "Fresh work #design #branding" });
    expect(routes()).toEqual([
      "GET content_publishing_limit",
      "POST media",
      "GET node",
      "GET node",
      "POST media_publish",
      "GET node",
    ]);
    expect(fake.calls[1]!.params).toEqual({ image_url: IMAGE, caption: "Fresh work #design #branding" });
    const containerId = [...fake.containers.keys()][0]!;
    expect(fake.calls[2]!.query).toEqual({ fields: "status_code,status" });
    expect(fake.calls[4]!.params).toEqual({ creation_id: containerId });
    expect(sleeps).toEqual([INSTAGRAM_CONTAINER_CHECK_INTERVAL_MS]);
    const mediaId = [...fake.media.keys()][0]!;
    expect(outcome).toEqual({
      dryRun: false,
      id: mediaId,
      containerId,
      url: `https://www.instagram.com/p/FAKE${mediaId}/`,
    });
    expect(
      await createInstagramPublishLedger(state, FAKE_IG_USER_ID, () => new Date(clock)).recent(),
    ).toHaveLength(1);
  });

  it("stops polling after the bounded number of checks with a TransientError, and never publishes", async () => {
    fake.scriptContainer(IMAGE, ["IN_PROGRESS"]);
    const error = await poster()
      .post({ imageUrl: IMAGE, caption: "slow" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientError);
    expect(fake.calls.filter((call) => call.route === "GET node")).toHaveLength(
      INSTAGRAM_CONTAINER_MAX_CHECKS,
    );
    expect(sleeps).toHaveLength(INSTAGRAM_CONTAINER_MAX_CHECKS - 1);
    expect(routes()).not.toContain("POST media_publish");
  });

  it("stops polling when the total wait would pass its bound, whatever the count", async () => {
    fake.scriptContainer(IMAGE, ["IN_PROGRESS"]);
    await expect(
      poster({ sleepAdvancesBy: 20_000 }).post({ imageUrl: IMAGE, caption: "slow" }),
    ).rejects.toBeInstanceOf(TransientError);
    expect(fake.calls.filter((call) => call.route === "GET node")).toHaveLength(4);
  });

  it.each(["ERROR", "EXPIRED"] as const)(
    "turns a container %s into a DataError with the status",
    async (status) => {
      fake.scriptContainer(IMAGE, ["IN_PROGRESS", status]);
      const error = await poster()
        .post({ imageUrl: IMAGE, caption: "broken" })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DataError);
      expect((error as Error).message).toContain(status);
      expect(routes()).not.toContain("POST media_publish");
    },
  );

  it("refuses before creating a container when Meta reports the 24-hour quota used up", async () => {
    fake.usePublishingQuota(INSTAGRAM_DAILY_PUBLISH_LIMIT);
    await expect(poster().post({ imageUrl: IMAGE, caption: "one too many" })).rejects.toBeInstanceOf(
      RateLimitError,
    );
    expect(routes()).toEqual(["GET content_publishing_limit"]);
  });

  it("refuses without any call when the local count already holds 50 publishes in 24 hours", async () => {
    const first = new Date(clock - 23 * 60 * 60 * 1000);
    const later = Array.from(
      { length: INSTAGRAM_DAILY_PUBLISH_LIMIT - 1 },
      (_, index) => new Date(clock - (index + 1) * 1000),
    );
    // An older entry outside the window does not count.
    const expired = new Date(clock - 25 * 60 * 60 * 1000);
    await state.write(`instagram-publishes.${FAKE_IG_USER_ID}`, {
      publishedAt: [expired, first, ...later].map((date) => date.toISOString()),
    });
    const error = await poster()
      .post({ imageUrl: IMAGE, caption: "x" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt).toEqual(new Date(first.getTime() + 24 * 60 * 60 * 1000));
    expect(fake.calls).toHaveLength(0);
  });

  it("maps a refused token to AuthError naming INSTAGRAM_ACCESS_TOKEN", async () => {
    fake.failNext("GET content_publishing_limit", { code: 190, message: "Error validating access token" });
    await expect(poster().post({ imageUrl: IMAGE, caption: "x" })).rejects.toThrow(AuthError);
    fake.failNext("GET content_publishing_limit", { code: 190, message: "Error validating access token" });
    await expect(poster().post({ imageUrl: IMAGE, caption: "x" })).rejects.toThrow(/INSTAGRAM_ACCESS_TOKEN/);
  });
});
