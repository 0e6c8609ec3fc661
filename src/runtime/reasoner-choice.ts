/**
 * @module Which reasoner plans a task: the model behind the fallback reasoner when one is configured
 * (LLM_BASE_URL), the offline rules reasoner when the employee runs offline or no model is configured.
 * Nothing is called here: the model is first tried when a task needs it.
 */
import type { AuditLog } from "../governance/audit-log.js";
import { createFallbackReasoner, REASONER_COMPONENT } from "../reasoning/fallback-reasoner.js";
import { createOfflineReasoner } from "../reasoning/offline-reasoner.js";
import type { Reasoner } from "../reasoning/reasoner.js";
import { createTokenBudget } from "../reasoning/token-budget.js";
import type { StateStore } from "../vault/state-store.js";
import type { EmployeeConfig } from "./employee-config.js";
import type { Health } from "./health.js";

export interface ReasonerChoiceDeps {
  health: Health;
  audit: AuditLog;
  now(): Date;
  say(line: string): void;
  /** Keeps the daily token ledger across restarts. */
  state: StateStore;
}

export async function createReasonerFor(config: EmployeeConfig, deps: ReasonerChoiceDeps): Promise<Reasoner> {
  const offline = createOfflineReasoner();
  if (config.offline || !config.llm) {
    const why = config.offline ? "offline mode (--offline)" : "no model configured (set LLM_BASE_URL)";
    deps.health.set(REASONER_COMPONENT, "degraded", `offline rules reasoner: ${why}`);
    return offline;
  }
  const { llm } = config;
  // The openai package is loaded only when a model is configured.
  const { createOpenAiReasoner } = await import("../reasoning/openai-reasoner.js");
  const model = createOpenAiReasoner({
    baseUrl: llm.baseUrl,
    model: llm.model,
    apiKey: llm.apiKey,
    timeoutMs: llm.timeoutMs,
    budget: createTokenBudget({
      limit: llm.dailyTokenBudget,
      now: deps.now,
      timezone: config.timezone,
      state: deps.state,
    }),
  });
  deps.health.set(
    REASONER_COMPONENT,
    "ok",
    `model ${llm.model} at ${new URL(llm.baseUrl).host} (tried when a task needs it)`,
  );
  return createFallbackReasoner({ model, offline, health: deps.health, audit: deps.audit, say: deps.say });
}
