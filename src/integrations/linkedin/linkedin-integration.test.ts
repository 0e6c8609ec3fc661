import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFakeLinkedInServer,
  type FakeLinkedInServer,
} from "../../../test/fakes/linkedin/fake-linkedin-server.js";
import { createOutbox } from "../../vault/outbox.js";
import { createLinkedInIntegration } from "./linkedin-integration.js";

let fake: FakeLinkedInServer;
let server: { url: string; close: () => Promise<void> };
let vault: string;

beforeEach(async () => {
  fake = createFakeLinkedInServer();
  server = await fake.start();
  vault = await mkdtemp(path.join(tmpdir(), "linkedin-integration-"));
});
afterEach(async () => {
  await server.close();
  await rm(vault, { recursive: true, force: true });
});

function integration(configured: boolean, dryRun: boolean) {
  return createLinkedInIntegration({
    config: configured
      ? {
          accessToken: "linkedin-token",
          authorUrn: fake.authorUrn,
          apiBaseUrl: server.url,
          version: "202607",
        }
      : undefined,
    dryRun,
    outbox: createOutbox(vault, () => new Date()),
    fetch: globalThis.fetch,
    now: () => new Date(),
  });
}

describe("LinkedIn integration wiring", () => {
  it("posts through the Posts API when configured and DRY_RUN is off, otherwise to the Outbox", async () => {
    const live = integration(true, false).tools[0]!;
    const result = await live.run(live.input.parse({ text: "Approved" }), new AbortController().signal);
    expect(result.data?.urn).toMatch(/^urn:li:share:/);
    for (const [configured, dryRun] of [
      [true, true],
      [false, false],
    ] as const) {
      const tool = integration(configured, dryRun).tools[0]!;
      expect(
        (await tool.run(tool.input.parse({ text: `Draft ${configured}` }), new AbortController().signal))
          .dryRun,
      ).toBe(true);
    }
    expect(fake.calls.filter((call) => call.method === "POST")).toHaveLength(1);
  });
});
