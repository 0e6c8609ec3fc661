import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFakeGraphServer,
  FAKE_PAGE_ID,
  type FakeGraphServer,
} from "../../../test/fakes/meta/fake-graph-server.js";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createFacebookPoster } from "./facebook-poster.js";
import { createGraphClient } from "./graph-client.js";

const NOW = new Date("2026-11-20T10:00:00.000Z");
let fake: FakeGraphServer;
let server: { url: string; close: () => Promise<void> };

beforeEach(async () => {
  fake = createFakeGraphServer({ now: () => NOW });
  server = await fake.start();
});
afterEach(async () => {
  await server.close();
});

function poster(token = "page-token") {
  const graph = createGraphClient({
    baseUrl: `${server.url}/v26.0`,
    accessToken: token,
    tokenVariable: "FACEBOOK_PAGE_TOKEN",
    fetch: globalThis.fetch,
    now: () => NOW,
  });
  return createFacebookPoster({ graph, pageId: FAKE_PAGE_ID, now: () => NOW });
}

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe("Facebook Page poster against the fake Graph API", () => {
  it("posts text and a link to /{page-id}/feed in exactly one call, token in the header", async () => {
    const outcome = await poster().post({ message: "We are hiring!", link: "https://acme.example/jobs" });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({
      method: "POST",
      path: `/v26.0/${FAKE_PAGE_ID}/feed`,
      params: { message: "We are hiring!", link: "https://acme.example/jobs" },
      authorization: "Bearer page-token",
      query: {},
    });
    const [post] = [...fake.posts.values()];
    expect(post).toMatchObject({
      message: "We are hiring!",
      link: "https://acme.example/jobs",
      published: true,
    });
    expect(outcome).toEqual({
      dryRun: false,
      id: post!.id,
      url: `https://www.facebook.com/${post!.id}`,
      scheduledFor: null,
    });
  });

  it("posts an image by URL to /{page-id}/photos with the message as caption", async () => {
    const outcome = await poster().post({ message: "New logo", imageUrl: "https://cdn.example/logo.jpg" });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({
      route: "POST photos",
      params: { url: "https://cdn.example/logo.jpg", caption: "New logo" },
    });
    expect(outcome.dryRun === false && outcome.id).toBe([...fake.posts.keys()][0]);
  });

  it("schedules with published=false and a Unix scheduled_publish_time", async () => {
    const when = at(60 * 24);
    const outcome = await poster().post({ message: "Tomorrow's news", scheduledPublishTime: when });
    expect(fake.calls[0]!.params).toEqual({
      message: "Tomorrow's news",
      published: "false",
      scheduled_publish_time: String(when.getTime() / 1000),
    });
    expect([...fake.posts.values()][0]).toMatchObject({ published: false });
    expect(outcome).toMatchObject({ scheduledFor: when.toISOString() });
  });

  it("refuses a schedule under 10 minutes or over 30 days ahead without calling Meta", async () => {
    await expect(poster().post({ message: "soon", scheduledPublishTime: at(9) })).rejects.toBeInstanceOf(
      LogicError,
    );
    await expect(poster().post({ message: "late", scheduledPublishTime: at(60 * 24 * 31) })).rejects.toThrow(
      /between 10 minutes and 30 days/,
    );
    expect(fake.calls).toHaveLength(0);
    await poster().post({ message: "edge", scheduledPublishTime: at(10) });
    expect(fake.calls).toHaveLength(1);
  });

  it("maps an expired token (190) to AuthError naming the variable, without the token", async () => {
    const error = await poster("expired-token")
      .post({ message: "hi" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain("FACEBOOK_PAGE_TOKEN");
    expect((error as Error).message).not.toContain("expired-token");
  });

  it.each([4, 17, 32, 613])(
    "maps throttling code %i to RateLimitError with Meta's estimated reset",
    async (code) => {
      fake.failNext("POST feed", {
        code,
        message: "(#4) Application request limit reached",
        regainAccessMinutes: 12,
      });
      const error = await poster()
        .post({ message: "hi" })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).resetAt).toEqual(at(12));
    },
  );

  it("maps 5xx and is_transient to TransientError", async () => {
    fake.failNext("POST feed", { status: 500, code: 2, message: "An unexpected error has occurred." });
    await expect(poster().post({ message: "one" })).rejects.toBeInstanceOf(TransientError);
    fake.failNext("POST feed", { code: 1200, is_transient: true, message: "Temporary issue" });
    await expect(poster().post({ message: "two" })).rejects.toBeInstanceOf(TransientError);
  });

  it("maps 100 to DataError carrying Meta's message, and a duplicate (506) to LogicError", async () => {
    fake.failNext("POST feed", { code: 100, message: "(#100) Invalid parameter: link is not a valid URL" });
    const error = await poster()
      .post({ message: "x", link: "https://bad" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toContain("(#100) Invalid parameter: link is not a valid URL");
    await poster().post({ message: "Same text" });
    await expect(poster().post({ message: "Same text" })).rejects.toThrow(/duplicates a post/);
  });
});
