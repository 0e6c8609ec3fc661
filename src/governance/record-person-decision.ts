/**
 * @module A person's decision on an approval request, from the CLI or the web page: the request moves
 * to `Approved/` or `Rejected/` and the decision is a line in the audit log. (A file moved by hand is
 * logged by the orchestrator when it notices.)
 */
import type { ApprovalDesk, StoredRequest } from "./approval-desk.js";
import type { AuditLog } from "./audit-log.js";

export async function recordPersonDecision(
  deps: { desk: ApprovalDesk; audit: AuditLog },
  id: string,
  verdict: "approved" | "rejected",
  by: string,
  reason?: string,
): Promise<StoredRequest> {
  const decided = await deps.desk.decide(id, verdict, by, reason);
  const { request } = decided;
  await deps.audit.append({
    action_type: request.tool,
    actor: "human",
    target: request.recipient,
    parameters: request.parameters,
    approval_status: verdict,
    approved_by: verdict === "approved" ? by : null,
    result: verdict === "approved" ? "pending" : "refused",
    error: verdict === "rejected" ? (reason ?? "rejected by a person") : null,
    task_id: request.task,
    approval_id: id,
  });
  return decided;
}
