/**
 * @module The Proactive Suggestions section — each with its ready approval request linked, or the reason
 * there is none — and the Upcoming Deadlines.
 */
import path from "node:path";
import type { BriefingData } from "./briefing-data.js";
import { escapeCell, formatHours, formatMoney, plainText, wikilink } from "./markdown-format.js";
import type { FiledRequest, Suggestion, SuggestionKind } from "./suggestion.js";
import type { TimeZone } from "./time-zone.js";

/** What became of each suggestion's request, by suggestion key. */
export type FiledRequests = ReadonlyMap<string, FiledRequest | { unavailable: string }>;

const GROUPS: { title: string; kinds: SuggestionKind[] }[] = [
  { title: "Subscriptions", kinds: ["cancel_subscription", "review_duplicate_tools"] },
  { title: "Overdue invoices", kinds: ["invoice_reminder"] },
  { title: "Approvals waiting too long", kinds: ["decide_approval"] },
];

function requestLine(suggestion: Suggestion, filed: FiledRequests): string {
  if (suggestion.existing) {
    return `   - Approval request: ${wikilink(suggestion.existing.link)} — approve with \`ai-employee approve ${suggestion.existing.id}\` or move it to \`Approved/\``;
  }
  const outcome = filed.get(suggestion.key);
  if (outcome && "id" in outcome) {
    const link = path.posix.basename(outcome.file.replace(/\\/g, "/"), ".md");
    return `   - Approval request ready: ${wikilink(link)} — approve with \`ai-employee approve ${outcome.id}\`, or reject it`;
  }
  const why =
    outcome?.unavailable ??
    (suggestion.action ? "no approval desk was given" : "there is nothing the employee could run");
  return `   - No approval request: ${why}.`;
}

export function renderSuggestions(data: BriefingData, filed: FiledRequests): string {
  const lines = ["## Proactive Suggestions", ""];
  if (data.suggestions.length === 0) lines.push("Nothing to suggest this week.");
  for (const group of GROUPS) {
    const items = data.suggestions.filter((suggestion) => group.kinds.includes(suggestion.kind));
    if (items.length === 0) continue;
    lines.push(`### ${group.title}`, "");
    items.forEach((suggestion, index) => {
      lines.push(
        `${index + 1}. **${plainText(suggestion.title, 160)}** — ${suggestion.detail}`,
        requestLine(suggestion, filed),
      );
    });
    lines.push("");
  }
  if (data.suggestionsNotShown > 0) {
    lines.push(
      `${data.suggestionsNotShown} more overdue invoice(s) or waiting approval(s) are not listed here.`,
      "",
    );
  }
  const audit = data.subscriptionAudit;
  if (!audit) {
    lines.push("Subscription audit: missing (the vendor bills could not be read).");
  } else {
    lines.push(
      `Subscription audit: ${audit.activeVendors} vendor(s) billed in the last 35 days, ${audit.findings.length} finding(s).`,
    );
    for (const rule of audit.unchecked) lines.push(`- Not checked: ${rule}`);
  }
  return lines.join("\n").trimEnd();
}

export function renderDeadlines(data: BriefingData, zone: TimeZone): string {
  const rows: { sort: string; when: string; what: string }[] = [];
  for (const open of data.upcomingInvoices ?? []) {
    const { invoice } = open;
    rows.push({
      sort: `${invoice.dueDate}T00`,
      when: `${invoice.dueDate} (${open.days === 0 ? "today" : `in ${open.days} day${open.days === 1 ? "" : "s"}`})`,
      what: `Invoice ${invoice.number ?? invoice.id} to ${plainText(invoice.partner.name, 60)} due: ${formatMoney(invoice.amountResidual, invoice.currency)} open`,
    });
  }
  const now = Date.parse(data.generated);
  for (const request of data.pendingApprovals) {
    if (request.expires === undefined) continue;
    const at = new Date(request.expires);
    const expired = request.expires < now;
    rows.push({
      sort: at.toISOString(),
      when: `${zone.localDate(at)} ${zone.localTime(at)}${expired ? " (expired)" : ` (in ${formatHours((request.expires - now) / 3_600_000)})`}`,
      what: `Approval request ${wikilink(request.link)} ${expired ? "expired" : "expires"}: ${plainText(request.summary, 80)}`,
    });
  }
  rows.sort((a, b) => a.sort.localeCompare(b.sort));
  const lines = ["## Upcoming Deadlines", "", `As of ${data.today}, the next 14 days:`, ""];
  if (data.upcomingInvoices === undefined)
    lines.push("Invoice due dates are missing (the books could not be read).", "");
  if (rows.length === 0) lines.push("Nothing falls due.");
  else
    lines.push(
      "| When | What |",
      "| --- | --- |",
      ...rows.map((row) => `| ${escapeCell(row.when)} | ${escapeCell(row.what)} |`),
    );
  const projects = data.goals.activeProjects.filter((project) => /\bdue\b|deadline|\bby\b/i.test(project));
  if (projects.length > 0) {
    lines.push("", "From Business_Goals.md:", ...projects.map((project) => `- ${project}`));
  }
  return lines.join("\n");
}
