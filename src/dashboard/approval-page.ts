/**
 * @module One approval request in full: what will run (the parameters are untrusted content, shown
 * escaped in a `<pre>`), why a person is asked, where the request stands, and the buttons while it waits.
 */
import type { ApprovalRequest } from "../governance/approval-request.js";
import { FOLDERS } from "../vault/folders.js";
import { renderDecisionForms } from "./decision-forms.js";
import { displayTime, hasExpired } from "./display-time.js";
import { renderFlash, type Flash } from "./flash-message.js";
import { html, type HtmlValue, type SafeHtml } from "./html.js";
import { renderPage } from "./page-layout.js";
import type { SessionKeys } from "./session-keys.js";

/** A request as the detail page needs it: its front matter, its Markdown body, and the folder it is in. */
export interface ApprovalView {
  folder: string;
  request: ApprovalRequest;
  body: string;
}

function field(label: string, value: HtmlValue): SafeHtml {
  if (value === null || value === undefined || value === "") return html``;
  return html`<dt>${label}</dt>
    <dd>${value}</dd>`;
}

function renderStanding(view: ApprovalView, keys: SessionKeys, now: Date): SafeHtml {
  const { request } = view;
  if (view.folder !== FOLDERS.pendingApproval) {
    return html`<p>
      This request is in <code>${view.folder}/</code> (status ${request.status}): there is nothing to decide.
    </p>`;
  }
  const expired = hasExpired(request.expires, now);
  return html`${expired && html`<p class="flash error">This request has expired: approving it would not run it. Reject it to close it.</p>`}
    <p>${renderDecisionForms(keys, request.id, { approvable: !expired })}</p>`;
}

export function renderApprovalPage(input: {
  view: ApprovalView;
  keys: SessionKeys;
  now: Date;
  flash: Flash | undefined;
}): string {
  const { view } = input;
  const { request } = view;
  const amount = request.amount === null ? null : `${request.amount} ${request.currency ?? ""}`.trim();
  return renderPage(
    `Request ${request.id}`,
    html`<p><a href="/">← Dashboard</a></p>
      <h1>Approval request ${request.id}</h1>
      ${renderFlash(input.flash)}
      <dl>
        ${field("Action", `${request.tool} on the ${request.server} server`)}
        ${field("To", request.recipient)} ${field("Amount", amount)}
        ${field("Why a person is asked", request.reason || "policy")}
        ${field("Risks", request.risk.join(", ") || "none")}
        ${field("Asked by", request.origin === "employee" ? "the employee" : "an outside MCP client")}
        ${field("Task", request.task)} ${field("Created", displayTime(request.created))}
        ${field("Expires", displayTime(request.expires))}
        ${field("Status", `${request.status} (in ${view.folder}/)`)}
        ${field("Decided by", request.approved_by)}
        ${field("Decided at", request.decided_at && displayTime(request.decided_at))}
        ${field("Rejection reason", request.rejection_reason)} ${field("Outcome", request.outcome)}
        ${field("Last error", request.last_error)}
      </dl>
      ${renderStanding(view, input.keys, input.now)}
      <h2>Exactly what will run</h2>
      <pre>${JSON.stringify(request.parameters, null, 2)}</pre>
      <h2>The note</h2>
      <pre>${view.body}</pre>`,
  );
}
