/**
 * @module The model first, the offline rules reasoner when the model cannot plan this task (unreachable,
 * too slow, failing after retries, over the day's token budget, refusing the key). The employee
 * degrades, it does not stop: the health says "model offline" and the plan says why, and the model is
 * tried again on the next task that needs it — there is no polling while idle.
 */
import type { AuditLog } from "../governance/audit-log.js";
import { isEmployeeError } from "../governance/errors/employee-error.js";
import type { PlanDraft } from "./proposal.js";
import type { Reasoner, ReasonerInput } from "./reasoner.js";

/** The slice of the runtime's health this needs (the runtime's Health satisfies it). */
export interface ReasonerHealth {
  set(name: string, state: "ok" | "degraded", detail: string): void;
}

export interface FallbackReasonerDeps {
  model: Reasoner;
  offline: Reasoner;
  health: ReasonerHealth;
  audit?: AuditLog | undefined;
  /** One line for the person running the employee, on each change between model and offline. */
  say?(line: string): void;
}

export const REASONER_COMPONENT = "reasoner";

function reasonOf(error: unknown): string {
  if (isEmployeeError(error)) return error.message;
  return `unexpected error from the model adapter: ${error instanceof Error ? error.message : String(error)}`;
}

export function createFallbackReasoner(deps: FallbackReasonerDeps): Reasoner {
  const { model, offline, health } = deps;
  let using: "model" | "offline" | "unknown" = "unknown";

  async function changed(to: "model" | "offline", detail: string, taskId: string): Promise<void> {
    const before = using;
    using = to;
    if (before === to) return;
    if (before !== "unknown" || to === "offline")
      deps.say?.(
        to === "model"
          ? `The model (${model.name}) answers again.`
          : `The model is offline (${detail}); the offline rules reasoner plans meanwhile.`,
      );
    await deps.audit?.append({
      action_type: to === "model" ? "model_online" : "model_offline",
      actor: "reasoner",
      target: model.name,
      result: to === "model" ? "success" : "failure",
      error: to === "offline" ? detail : null,
      task_id: taskId,
    });
  }

  return {
    name: model.name,
    async plan(input: ReasonerInput): Promise<PlanDraft> {
      try {
        const draft = await model.plan(input);
        health.set(REASONER_COMPONENT, "ok", `model ${model.name}`);
        await changed("model", "", input.task.meta.id);
        return draft;
      } catch (error) {
        if (input.signal.aborted) throw error;
        const reason = reasonOf(error);
        health.set(
          REASONER_COMPONENT,
          "degraded",
          `model offline: ${reason}; the offline rules reasoner plans meanwhile`,
        );
        await changed("offline", reason, input.task.meta.id);
        const draft = await offline.plan(input);
        return {
          ...draft,
          steps: [{ text: `Planned by the offline rules reasoner: ${reason}`, done: true }, ...draft.steps],
        };
      }
    },
  };
}
