/**
 * @module The Approve and Reject buttons of one request: plain forms that post to this page's own
 * origin with a CSRF token bound to the session, the action and the request.
 */
import { html, type SafeHtml } from "./html.js";
import type { SessionKeys } from "./session-keys.js";

/** A reason is a sentence for the audit log, not a document. */
export const MAX_REASON_LENGTH = 500;

export function approvalPath(id: string): string {
  return `/approvals/${encodeURIComponent(id)}`;
}

export function renderDecisionForms(
  keys: SessionKeys,
  id: string,
  options: { approvable: boolean },
): SafeHtml {
  const approve = html`<form method="post" action="${approvalPath(id)}/approve">
    <input type="hidden" name="csrf" value="${keys.csrfFor("approve", id)}" />
    <button type="submit" class="approve">Approve</button>
  </form>`;
  const reject = html`<form method="post" action="${approvalPath(id)}/reject">
    <input type="hidden" name="csrf" value="${keys.csrfFor("reject", id)}" />
    <input
      type="text"
      name="reason"
      maxlength="${MAX_REASON_LENGTH}"
      placeholder="Reason (optional)"
      aria-label="Reason for rejecting ${id}"
    />
    <button type="submit" class="reject">Reject</button>
  </form>`;
  return html`${options.approvable && approve}${reject}`;
}
