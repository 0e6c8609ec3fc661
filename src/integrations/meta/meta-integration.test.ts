import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFakeGraphServer,
  FAKE_IG_USER_ID,
  FAKE_PAGE_ID,
  type FakeGraphServer,
} from "../../../test/fakes/meta/fake-graph-server.js";
import { createOutbox } from "../../vault/outbox.js";
import { createStateStore } from "../../vault/state-store.js";
import { createMetaIntegration } from "./meta-integration.js";

let fake: FakeGraphServer;
let server: { url: string; close: () => Promise<void> };
let vault: string;

beforeEach(async () => {
  fake = createFakeGraphServer();
  server = await fake.start();
  vault = await mkdtemp(path.join(tmpdir(), "meta-integration-"));
});
afterEach(async () => {
  await server.close();
  await rm(vault, { recursive: true, force: true });
});

function integration(configured: boolean, dryRun: boolean) {
  const base = `${server.url}/v26.0`;
  return createMetaIntegration({
    facebook: configured
      ? { pageId: FAKE_PAGE_ID, pageToken: "page-token", graphApiBaseUrl: base }
      : undefined,
    instagram: configured
      ? { userId: FAKE_IG_USER_ID, accessToken: "ig-token", graphApiBaseUrl: base }
      : undefined,
    dryRun,
    outbox: createOutbox(vault, () => new Date()),
    state: createStateStore(path.join(vault, ".ai-employee", "state")),
    fetch: globalThis.fetch,
    now: () => new Date(),
    sleep: async () => undefined,
  });
}

const signal = new AbortController().signal;

describe("Meta integration wiring", () => {
  it("publishes through Graph when configured and DRY_RUN is off", async () => {
    const meta = integration(true, false);
    const facebook = meta.tools.find((tool) => tool.name === "post_facebook")!;
    const instagram = meta.tools.find((tool) => tool.name === "post_instagram")!;
    await facebook.run(facebook.input.parse({ message: "Approved" }), signal);
    await instagram.run(
      instagram.input.parse({ image_url: "https://cdn.example/a.jpg", caption: "Approved #ok" }),
      signal,
    );
    expect(fake.calls.filter((call) => call.route === "POST feed")).toHaveLength(1);
    expect(fake.calls.filter((call) => call.route === "POST media_publish")).toHaveLength(1);
    expect(meta.fetchFacebookWeeklyMetrics).toBeDefined();
    expect(meta.fetchInstagramWeeklyMetrics).toBeDefined();
  });

  it("renders to the Outbox in dry run and when unconfigured, never calling Meta", async () => {
    for (const [configured, dryRun] of [
      [true, true],
      [false, false],
    ] as const) {
      for (const tool of integration(configured, dryRun).tools) {
        const args =
          tool.name === "post_facebook"
            ? { message: `Draft ${configured}` }
            : { image_url: "https://cdn.example/a.jpg", caption: `Draft ${configured}` };
        expect((await tool.run(tool.input.parse(args), signal)).dryRun).toBe(true);
      }
    }
    expect(fake.calls).toHaveLength(0);
    expect(integration(false, false).fetchFacebookWeeklyMetrics).toBeUndefined();
  });
});
