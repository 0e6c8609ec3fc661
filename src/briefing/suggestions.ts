/**
 * @module The briefing's proactive suggestions, computed from its figures: subscription findings (cancel
 * the tool whose cost rose, or the costlier of two that do the same), overdue invoices (a reminder email)
 * and approval requests waiting too long (decide the request itself).
 */
import type { BriefingWeek } from "./briefing-week.js";
import type { OpenInvoice } from "./open-invoices.js";
import type { PendingApproval } from "./pending-approvals.js";
import type { SubscriptionFinding } from "./subscription-audit.js";
import { suggestionKey, type Suggestion } from "./suggestion.js";
import { formatHours, formatMoney, plainText } from "./markdown-format.js";

/** Reminders and waiting approvals past this many are counted, not each given a request. */
export const MAX_SUGGESTIONS_PER_KIND = 10;

function subscriptionSuggestion(finding: SubscriptionFinding, week: BriefingWeek): Suggestion {
  if (finding.kind === "cost_increase") {
    return {
      kind: "cancel_subscription",
      key: suggestionKey(week.start, "cancel_subscription", finding.vendor),
      title: `Review ${finding.vendor}: cost up ${finding.increasePercent}%`,
      detail: `${formatMoney(finding.amount, finding.currency)} on ${finding.date}, against ${formatMoney(finding.previousAmount, finding.currency)} on ${finding.previousDate}.`,
      action: {
        server: undefined,
        tool: "cancel_subscription",
        parameters: {
          vendor: finding.vendor,
          last_bill_date: finding.date,
          amount: finding.amount,
          currency: finding.currency,
        },
        summary: `Cancel the ${finding.vendor} subscription`,
        amount: { value: finding.amount, currency: finding.currency },
        recipients: [finding.vendor],
      },
      existing: undefined,
    };
  }
  const [costliest, ...others] = finding.vendors;
  return {
    kind: "review_duplicate_tools",
    key: suggestionKey(week.start, "review_duplicate_tools", finding.category),
    title: `Two tools for ${finding.category}: ${finding.vendors.map((entry) => entry.vendor).join(", ")}`,
    detail: `${finding.vendors.map((entry) => `${plainText(entry.vendor, 60)} ${formatMoney(entry.amount, entry.currency)} (${entry.date})`).join("; ")}. The request cancels the costlier one; reject it to keep both, or cancel ${others.map((entry) => plainText(entry.vendor, 60)).join(" or ")} instead.`,
    action: costliest && {
      server: undefined,
      tool: "cancel_subscription",
      parameters: {
        vendor: costliest.vendor,
        last_bill_date: costliest.date,
        amount: costliest.amount,
        currency: costliest.currency,
      },
      summary: `Cancel the ${costliest.vendor} subscription (same category as ${others.map((entry) => entry.vendor).join(", ")})`,
      amount: { value: costliest.amount, currency: costliest.currency },
      recipients: [costliest.vendor],
    },
    existing: undefined,
  };
}

function reminderSuggestion(open: OpenInvoice, week: BriefingWeek): Suggestion {
  const { invoice } = open;
  const number = invoice.number ?? invoice.id;
  const owed = formatMoney(invoice.amountResidual, invoice.currency);
  const email = invoice.partner.email?.trim();
  const body = [
    `Hello ${invoice.partner.name},`,
    "",
    `This is a friendly reminder that invoice ${number} for ${owed}, due on ${invoice.dueDate ?? "receipt"}, is still open.`,
    "If you have already paid, please ignore this message; otherwise we would be grateful for payment at your earliest convenience.",
    "",
    "Thank you.",
  ].join("\n");
  return {
    kind: "invoice_reminder",
    key: suggestionKey(week.start, "invoice_reminder", invoice.id),
    title: `Remind ${invoice.partner.name} about ${number}`,
    detail: `${owed} open, ${open.days} days overdue (due ${invoice.dueDate ?? "—"}).${email ? "" : " The books have no email address for this customer, so no reminder could be drafted."}`,
    action: email
      ? {
          server: "email",
          tool: "send_email",
          parameters: { to: [email], subject: `Reminder: invoice ${number} is overdue`, body },
          summary: `Reminder to ${invoice.partner.name} about ${number}`,
          amount: undefined,
          recipients: [email],
        }
      : undefined,
    existing: undefined,
  };
}

function waitingSuggestion(request: PendingApproval, now: Date, week: BriefingWeek): Suggestion {
  const waited = request.created === undefined ? undefined : (now.getTime() - request.created) / 3_600_000;
  const expired = request.expires !== undefined && request.expires < now.getTime();
  return {
    kind: "decide_approval",
    key: suggestionKey(week.start, "decide_approval", request.id),
    title: `Decide: ${request.summary}`,
    detail: `Waiting ${waited === undefined ? "for an unknown time" : formatHours(waited)}${expired ? "; it has expired — reject it, and the employee files a fresh one when the task comes back" : ""}.`,
    action: undefined,
    existing: { id: request.id, link: request.link },
  };
}

export function buildSuggestions(input: {
  week: BriefingWeek;
  now: Date;
  findings: readonly SubscriptionFinding[];
  overdue: readonly OpenInvoice[];
  waiting: readonly PendingApproval[];
}): { suggestions: Suggestion[]; notShown: number } {
  const overdue = [...input.overdue].sort((a, b) => b.days - a.days).slice(0, MAX_SUGGESTIONS_PER_KIND);
  const waiting = input.waiting.slice(0, MAX_SUGGESTIONS_PER_KIND);
  const suggestions = [
    ...input.findings.map((finding) => subscriptionSuggestion(finding, input.week)),
    ...overdue.map((open) => reminderSuggestion(open, input.week)),
    ...waiting.map((request) => waitingSuggestion(request, input.now, input.week)),
  ];
  return {
    suggestions,
    notShown: input.overdue.length - overdue.length + (input.waiting.length - waiting.length),
  };
}
