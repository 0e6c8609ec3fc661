/**
 * @module The dashboard's front page: what waits for the person (pending approvals with their buttons),
 * alerts, health, counts and recent activity — the same data as `Dashboard.md`, escaped for the web.
 */
import type { DashboardData } from "../vault/dashboard.js";
import { approvalPath, renderDecisionForms } from "./decision-forms.js";
import { displayTime, hasExpired } from "./display-time.js";
import { renderFlash, type Flash } from "./flash-message.js";
import { html, type SafeHtml } from "./html.js";
import { renderPage } from "./page-layout.js";
import type { SessionKeys } from "./session-keys.js";

/** `gather()` marks a request it could not read with this id. */
const UNREADABLE_ID = "?";

function renderPending(data: DashboardData, keys: SessionKeys, now: Date): SafeHtml {
  if (data.pending.length === 0) return html`<p>Nothing is waiting for you.</p>`;
  const rows = data.pending.map((request) => {
    if (request.id === UNREADABLE_ID) {
      return html`<tr>
        <td>${request.file}</td>
        <td colspan="4">${request.summary}: open it in the vault</td>
      </tr>`;
    }
    const expired = hasExpired(request.expires, now);
    return html`<tr>
      <td><a href="${approvalPath(request.id)}">${request.id}</a></td>
      <td>${request.summary}</td>
      <td>${request.risks.join(", ") || "none"}</td>
      <td>
        ${request.expires && displayTime(request.expires)}${expired && html` <span class="tag warn">expired</span>`}
      </td>
      <td>${renderDecisionForms(keys, request.id, { approvable: !expired })}</td>
    </tr>`;
  });
  return html`<table>
    <thead>
      <tr>
        <th>Request</th>
        <th>What</th>
        <th>Risks</th>
        <th>Expires</th>
        <th>Decide</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function renderAlerts(data: DashboardData): SafeHtml {
  if (data.alerts.length === 0) return html`<p>No alerts.</p>`;
  const items = data.alerts.map(
    (alert) =>
      html`<li>
        <span class="tag${alert.severity === "info" ? "" : " warn"}">${alert.severity}</span> ${alert.title}
        <span class="muted">(Alerts/${alert.file})</span>
      </li>`,
  );
  return html`<ul>
    ${items}
  </ul>`;
}

function renderHealth(data: DashboardData): SafeHtml {
  const rows = data.health.map(
    (component) =>
      html`<tr>
        <td>${component.name}</td>
        <td>${component.state}</td>
        <td>${component.detail}</td>
        <td>${component.lastError ?? ""}</td>
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>Component</th>
        <th>State</th>
        <th>Detail</th>
        <th>Last error</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function renderActivity(data: DashboardData): SafeHtml {
  if (data.activity.length === 0) return html`<p>Nothing yet.</p>`;
  const items = data.activity.map(
    (entry) => html`<li><span class="muted">${displayTime(entry.at)}</span> ${entry.text}</li>`,
  );
  return html`<ul>
    ${items}
  </ul>`;
}

export function renderHomePage(input: {
  data: DashboardData;
  keys: SessionKeys;
  now: Date;
  flash: Flash | undefined;
}): string {
  const { data } = input;
  const counts = data.counts.map(
    (entry) => html`<span>${entry.folder}: <strong>${entry.count}</strong></span>`,
  );
  return renderPage(
    "Dashboard",
    html`<h1>AI Employee</h1>
      <p class="muted">Updated ${displayTime(data.updated)}. Reload the page to refresh.</p>
      ${renderFlash(input.flash)}
      <p class="counts">${counts}</p>
      <h2>Pending approvals</h2>
      ${renderPending(data, input.keys, input.now)}
      <h2>Alerts</h2>
      ${renderAlerts(data)}
      <h2>Health</h2>
      ${renderHealth(data)}
      <h2>Recent activity</h2>
      ${renderActivity(data)}`,
  );
}
