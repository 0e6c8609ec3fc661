import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeXServer, type FakeXServer } from "../../../test/fakes/x/fake-x-server.js";
import type { TaskSink } from "../inbound-item.js";
import { createOutbox } from "../../vault/outbox.js";
import { createStateStore } from "../../vault/state-store.js";
import { createFileXTokenStore } from "./file-x-token-store.js";
import { createXIntegration } from "./x-integration.js";

let fake: FakeXServer;
let server: { url: string; close: () => Promise<void> };
let vault: string;
const sink: TaskSink = {
  submit: async () => ({ created: true, id: "t" }),
  quarantine: async () => undefined,
  saveAttachment: async () => "",
};

beforeEach(async () => {
  fake = createFakeXServer();
  server = await fake.start();
  vault = await mkdtemp(path.join(tmpdir(), "x-integration-"));
});
afterEach(async () => {
  await server.close();
  await rm(vault, { recursive: true, force: true });
});

function integration(configured: boolean, dryRun: boolean) {
  return createXIntegration({
    config: configured
      ? {
          accessToken: "fake-access-token",
          refreshToken: undefined,
          clientId: undefined,
          clientSecret: undefined,
          userId: undefined,
          apiBaseUrl: server.url,
          pollSeconds: 300,
        }
      : undefined,
    dryRun,
    vaultRoot: vault,
    outbox: createOutbox(vault, () => new Date()),
    tokenStore: createFileXTokenStore(path.join(vault, "..", `${path.basename(vault)}-tokens`)),
    state: createStateStore(path.join(vault, ".ai-employee", "state")),
    sink,
    now: () => new Date(),
    sleep: async () => undefined,
  });
}

describe("X integration wiring", () => {
  it("posts through the real API when configured and DRY_RUN is off: exactly one post reaches X", async () => {
    const x = integration(true, false);
    const tool = x.tools.find((candidate) => candidate.name === "post_x")!;
    const result = await tool.run(tool.input.parse({ text: "Approved post" }), new AbortController().signal);
    expect(result.dryRun).toBeUndefined();
    expect(fake.calls.filter((call) => call.route === "POST /2/tweets")).toHaveLength(1);
    expect(x.watcher?.pollIntervalSeconds).toBe(300);
    expect(x.fetchWeeklyMetrics).toBeDefined();
  });

  it("renders to the Outbox in dry run and when unconfigured, never calling X", async () => {
    for (const [configured, dryRun] of [
      [true, true],
      [false, false],
    ] as const) {
      const x = integration(configured, dryRun);
      const tool = x.tools[0]!;
      const result = await tool.run(
        tool.input.parse({ text: `Draft ${configured}` }),
        new AbortController().signal,
      );
      expect(result.dryRun).toBe(true);
      expect(x.watcher === undefined).toBe(!configured);
    }
    expect(fake.calls.filter((call) => call.route === "POST /2/tweets")).toHaveLength(0);
  });
});
