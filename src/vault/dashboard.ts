/**
 * @module `Dashboard.md`, rendered from data (the orchestrator is its single writer): counts per folder,
 * pending approvals with how to approve, alerts, health, and `## Recent Activity`.
 */

export interface DashboardData {
  updated: Date;
  counts: { folder: string; count: number }[];
  pending: { id: string; file: string; summary: string; expires: string; risks: string[] }[];
  alerts: { file: string; title: string; severity: string }[];
  health: { name: string; state: string; detail: string; lastError: string | null }[];
  /** `[YYYY-MM-DD HH:MM] what happened`, newest first. */
  activity: { at: Date; text: string }[];
}

function stamp(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function renderDashboard(data: DashboardData): string {
  const lines = [
    "# Dashboard",
    "",
    `Updated ${stamp(data.updated)} UTC by the employee. This page is rewritten on every change: write your notes elsewhere.`,
    "",
    "## Counts",
    "",
    "| Folder | Items |",
    "| ------ | ----- |",
    ...data.counts.map((entry) => `| ${entry.folder} | ${entry.count} |`),
    "",
    "## Pending Approvals",
    "",
  ];
  if (data.pending.length === 0) lines.push("Nothing is waiting for you.");
  else {
    lines.push("| Request | What | Risks | Expires | How to approve |", "| ------- | ---- | ----- | ------- | -------------- |");
    for (const request of data.pending) {
      lines.push(
        `| [[${request.file.replace(/\.md$/, "")}\\|${request.id}]] | ${cell(request.summary)} | ${cell(request.risks.join(", ") || "none")} | ${request.expires.slice(0, 16).replace("T", " ")} | move to \`Approved/\` or \`ai-employee approve ${request.id}\` |`,
      );
    }
  }
  lines.push("", "## Alerts", "");
  if (data.alerts.length === 0) lines.push("No alerts.");
  else lines.push(...data.alerts.map((alert) => `- **${alert.severity}** [[${alert.file.replace(/\.md$/, "")}\\|${cell(alert.title)}]]`));
  lines.push("", "## Health", "", "| Component | State | Detail | Last error |", "| --------- | ----- | ------ | ---------- |");
  for (const component of data.health) {
    lines.push(`| ${component.name} | ${component.state} | ${cell(component.detail)} | ${cell(component.lastError ?? "")} |`);
  }
  lines.push("", "## Recent Activity", "");
  if (data.activity.length === 0) lines.push("- Nothing yet.");
  else lines.push(...data.activity.map((entry) => `- [${stamp(entry.at)}] ${entry.text}`));
  lines.push("");
  return lines.join("\n");
}
