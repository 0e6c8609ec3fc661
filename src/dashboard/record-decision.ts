/**
 * @module A person's decision from the web page, checked the way the CLI checks it: only a request still
 * in `Pending_Approval/` is decided, an expired one is not approved, and every outcome — including an
 * unknown or already-closed request — comes back as a sentence for the page, never as a stack trace.
 */
import { FOLDERS } from "../vault/folders.js";
import type { ApprovalView } from "./approval-page.js";
import { hasExpired } from "./display-time.js";
import type { Flash } from "./flash-message.js";
import type { DecisionAction } from "./session-keys.js";

/** How the audit log and the request's `approved_by` name a decision taken on this page. */
export const DECIDED_BY = "human (web page)";

export interface DecisionPort {
  readRequest(id: string): Promise<ApprovalView | undefined>;
  decide(id: string, verdict: "approved" | "rejected", by: string, reason?: string): Promise<void>;
  now(): Date;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describe(view: ApprovalView): string {
  const { request } = view;
  return [request.tool, request.recipient ? `to ${request.recipient}` : ""].filter(Boolean).join(" ");
}

export async function recordDecision(
  port: DecisionPort,
  action: DecisionAction,
  id: string,
  reason: string,
): Promise<Flash> {
  const fail = (text: string): Flash => ({ kind: "error", text });
  let view: ApprovalView | undefined;
  try {
    view = await port.readRequest(id);
  } catch (error) {
    return fail(`Request ${id} cannot be read, so nothing was decided: ${messageOf(error)}`);
  }
  if (!view)
    return fail(`There is no approval request ${id} (it may have been moved out of the vault or renamed).`);
  if (view.folder !== FOLDERS.pendingApproval) {
    return fail(
      `Request ${id} is no longer waiting (it is in ${view.folder}/, status ${view.request.status}): nothing was changed.`,
    );
  }
  if (action === "approve" && hasExpired(view.request.expires, port.now())) {
    return fail(`Request ${id} has expired, so approving it would not run it: reject it to close it.`);
  }
  const verdict = action === "approve" ? "approved" : "rejected";
  try {
    await port.decide(id, verdict, DECIDED_BY, reason === "" ? undefined : reason);
  } catch (error) {
    return fail(`Request ${id} was not ${verdict}: ${messageOf(error)}`);
  }
  return verdict === "approved"
    ? { kind: "ok", text: `Approved ${id} (${describe(view)}): the employee carries it out.` }
    : {
        kind: "ok",
        text: `Rejected ${id} (${describe(view)})${reason ? `: “${reason}”` : ""}. The employee closes its task.`,
      };
}
