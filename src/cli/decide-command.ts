import { createApprovalDesk } from "../governance/approval-desk.js";
import { createApprovalRegistry } from "../governance/approval-registry.js";
import { createAuditLog } from "../governance/audit-log.js";
import { createExecutionLedger } from "../governance/execution-ledger.js";
import { SAFE_DEFAULT } from "../governance/handbook.js";
import { recordPersonDecision } from "../governance/record-person-decision.js";
import { createRedactor } from "../governance/redact.js";
import { secretValues } from "../runtime/environment.js";
import { createNoteStore } from "../vault/note-store.js";
import { CliError, EXIT, vaultFrom, type CliContext } from "./cli-context.js";

/**
 * `ai-employee approve <id>` and `reject <id> [--reason]`: records the person's decision by moving the
 * request; the employee acts on it (at once when the daemon runs, or at the next `run --once`).
 */
export async function decideCommand(
  context: CliContext,
  verdict: "approved" | "rejected",
  id: string,
  options: { vault?: string; reason?: string },
): Promise<void> {
  const root = vaultFrom(context, options.vault);
  const now = () => new Date();
  const store = createNoteStore(root);
  const desk = createApprovalDesk({
    store,
    registry: createApprovalRegistry(root),
    ledger: createExecutionLedger(root),
    handbook: async () => SAFE_DEFAULT,
    now,
  });
  const found = await desk.find(id);
  if (!found)
    throw new CliError(
      `no approval request "${id}": see Pending_Approval/ or run "ai-employee status"`,
      EXIT.notFound,
    );
  if (found.folder !== "Pending_Approval") {
    throw new CliError(
      `approval request ${id} is not pending (it is in ${found.folder}/, status ${found.request.status})`,
      EXIT.usage,
    );
  }
  const by = context.env.USER ? `human (${context.env.USER}, CLI)` : "human (CLI)";
  const audit = createAuditLog(root, { now, redactor: createRedactor(secretValues(context.env)) });
  const decided = await recordPersonDecision({ desk, audit }, id, verdict, by, options.reason);
  context.out(
    `${verdict} ${id} (${decided.path}); the employee acts on it ${verdict === "approved" ? "at once if it is running, or at the next run --once" : "by closing its task"}`,
  );
}
