import { afterEach, describe, expect, it } from "vitest";
import {
  createScriptedModelServer,
  type ScriptedModelServer,
} from "../../test/fakes/openai/scripted-model-server.js";
import { answer, call, finishPlan, serverError } from "../../test/fakes/openai/scripted-replies.js";
import { typicalEmailInput } from "../../test/fakes/openai/typical-email-task.js";
import type { AuditEvent } from "../governance/audit-entry.js";
import type { AuditLog } from "../governance/audit-log.js";
import { createFallbackReasoner, type ReasonerHealth } from "./fallback-reasoner.js";
import { createOfflineReasoner, OFFLINE_REASONER_NAME } from "./offline-reasoner.js";
import { createOpenAiReasoner } from "./openai-reasoner.js";
import { createTokenBudget } from "./token-budget.js";

const MODEL = "qwen2.5:7b-instruct";

let server: ScriptedModelServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function recordingHealth() {
  const states: { state: string; detail: string }[] = [];
  const health: ReasonerHealth = { set: (_name, state, detail) => void states.push({ state, detail }) };
  return { health, states, last: () => states.at(-1) };
}

function recordingAudit() {
  const events: AuditEvent[] = [];
  const audit = { append: async (event: AuditEvent) => (events.push(event), {}) } as unknown as AuditLog;
  return { audit, events };
}

async function setUp(limit = 100_000) {
  server = await createScriptedModelServer({ model: MODEL });
  const budget = createTokenBudget({ limit, now: () => new Date("2026-03-11T10:00:00Z") });
  const model = createOpenAiReasoner({
    baseUrl: server.baseUrl,
    model: MODEL,
    timeoutMs: 2_000,
    budget,
    maxRetries: 1,
  });
  const health = recordingHealth();
  const audit = recordingAudit();
  const said: string[] = [];
  const reasoner = createFallbackReasoner({
    model,
    offline: createOfflineReasoner(),
    health: health.health,
    audit: audit.audit,
    say: (line) => void said.push(line),
  });
  return { server, reasoner, budget, health, audit, said };
}

describe("the fallback reasoner", () => {
  it("plans offline while the endpoint is down, and uses the model again when it is back", async () => {
    const { server, reasoner, health, audit, said } = await setUp();
    await server.stop();

    const offline = await reasoner.plan(await typicalEmailInput());
    expect(offline.reasoner).toBe(OFFLINE_REASONER_NAME);
    expect(offline.steps[0]?.text).toMatch(
      /^Planned by the offline rules reasoner: the model endpoint .* cannot be reached/,
    );
    expect(offline.proposals.length).toBeGreaterThan(0);
    expect(health.last()).toEqual({ state: "degraded", detail: expect.stringMatching(/^model offline: /) });
    expect(said).toEqual([expect.stringMatching(/The model is offline/)]);

    await server.start();
    server.script(
      answer([
        call("email__reply_email", {
          to: ["ben@client-b.example"],
          subject: "Re: March",
          body: "Hello Ben",
          in_reply_to: "<CAF1234.5678@mail.client-b.example>",
        }),
        finishPlan(),
      ]),
    );
    const online = await reasoner.plan(await typicalEmailInput());
    expect(online.reasoner).toBe(MODEL);
    expect(health.last()).toEqual({ state: "ok", detail: `model ${MODEL}` });
    expect(said.at(-1)).toMatch(/answers again/);
    expect(audit.events.map((event) => event.action_type)).toEqual(["model_offline", "model_online"]);
  });

  it("falls back after 5xx that outlast the retries, and tries the model again on the next task", async () => {
    const { server, reasoner, health } = await setUp();
    server.script(serverError(500), serverError(500), answer([finishPlan({ objective: "Answer Ben" })]));
    expect((await reasoner.plan(await typicalEmailInput())).reasoner).toBe(OFFLINE_REASONER_NAME);
    expect(health.last()?.detail).toMatch(/HTTP 500/);
    expect((await reasoner.plan(await typicalEmailInput())).objective).toBe("Answer Ben");
    expect(server.chatRequests()).toHaveLength(3);
  });

  it("says so when the day's token budget is spent, without calling the model", async () => {
    const { server, reasoner, budget, health } = await setUp(5_000);
    await budget.record(5_000);
    const draft = await reasoner.plan(await typicalEmailInput());
    expect(draft.reasoner).toBe(OFFLINE_REASONER_NAME);
    expect(draft.steps[0]?.text).toMatch(/token budget of 5000 is used up/);
    expect(health.last()?.detail).toMatch(/^model offline: today's token budget/);
    expect(server.chatRequests()).toHaveLength(0);
  });

  it("makes no model call while no task needs one", async () => {
    const { server } = await setUp();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.requests).toHaveLength(0);
  });

  it("passes a caller's abort through instead of planning offline", async () => {
    const { server, reasoner } = await setUp();
    server.script({ kind: "delay", ms: 5_000, then: answer([finishPlan()]) });
    const input = await typicalEmailInput();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(reasoner.plan({ ...input, signal: controller.signal })).rejects.toThrow();
  });
});
