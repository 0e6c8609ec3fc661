/**
 * @module Which reasoner plans a task: the offline rules reasoner when the employee runs offline or no
 * model is configured.
 */
import type { AuditLog } from "../governance/audit-log.js";
import { createOfflineReasoner } from "../reasoning/offline-reasoner.js";
import type { Reasoner } from "../reasoning/reasoner.js";
import type { EmployeeConfig } from "./employee-config.js";
import type { Health } from "./health.js";

export interface ReasonerChoiceDeps {
  health: Health;
  audit: AuditLog;
  now(): Date;
  say(line: string): void;
}

export function createReasonerFor(config: EmployeeConfig, deps: ReasonerChoiceDeps): Reasoner {
  const offline = createOfflineReasoner();
  const why = config.offline ? "offline mode (--offline)" : "no model configured (set LLM_BASE_URL)";
  deps.health.set("reasoner", "degraded", `offline rules reasoner: ${why}`);
  return offline;
}
