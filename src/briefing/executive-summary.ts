/**
 * @module The deterministic executive summary: a handful of sentences built from the computed figures,
 * written when no model is asked (or the model fails). Every number here is one the sections show.
 */
import type { BriefingData } from "./briefing-data.js";
import { formatHours, formatMoney, formatPercent, plainText } from "./markdown-format.js";
import { STAGE_LABELS } from "./task-timeline.js";

export function deterministicSummary(data: BriefingData): string {
  const lines: string[] = [];
  const { revenue } = data;
  const currency = revenue.currency;
  const week = revenue.thisWeek?.find((row) => row.currency === currency) ?? revenue.thisWeek?.[0];
  const month = revenue.monthToDate?.find((row) => row.currency === currency) ?? revenue.monthToDate?.[0];
  if (revenue.thisWeek === undefined && revenue.monthToDate === undefined) {
    lines.push("Revenue figures are missing this week: the books could not be read.");
  } else {
    const parts = [`${formatMoney(week?.invoiced ?? 0, currency)} invoiced this week`];
    if (month && revenue.target && revenue.target.amount > 0) {
      parts.push(
        `${formatMoney(month.invoiced, currency)} month to date, ${formatPercent(month.invoiced / revenue.target.amount)} of the monthly target with ${formatPercent(revenue.monthElapsed)} of the month gone`,
      );
    } else if (month) {
      parts.push(`${formatMoney(month.invoiced, currency)} month to date`);
    }
    lines.push(`${parts.join("; ")}.`);
  }

  const business = data.completed.business.length;
  const personal = data.completed.personal.length;
  const notRun = [...data.completed.business, ...data.completed.personal].filter(
    (task) => task.status !== "done",
  ).length;
  lines.push(
    `${business + personal} task(s) completed (${business} business, ${personal} personal)${notRun > 0 ? `; ${notRun} closed with an action not run` : ""}.`,
  );

  const worst = data.bottlenecks[0];
  lines.push(
    worst
      ? `${data.bottlenecks.length} delay(s); the longest: ${plainText(worst.task.subject, 60)} (${STAGE_LABELS[worst.stage]}, ${formatHours(worst.actualHours)} against ${formatHours(worst.expectedHours)}).`
      : "No task took longer than expected.",
  );

  if (data.overdueInvoices && data.overdueInvoices.length > 0) {
    const totals = new Map<string, number>();
    for (const open of data.overdueInvoices) {
      totals.set(
        open.invoice.currency,
        (totals.get(open.invoice.currency) ?? 0) + open.invoice.amountResidual,
      );
    }
    lines.push(
      `${data.overdueInvoices.length} invoice(s) overdue: ${[...totals].map(([code, amount]) => formatMoney(amount, code)).join(", ")} outstanding.`,
    );
  }
  if (data.waitingTooLong.length > 0) {
    lines.push(
      `${data.waitingTooLong.length} approval request(s) have waited longer than ${formatHours(data.expectedHours.decision)} for you.`,
    );
  }
  if (data.suggestions.length > 0)
    lines.push(`${data.suggestions.length} suggestion(s) below, under Proactive Suggestions.`);
  const counts = data.log;
  lines.push(
    `The audit log recorded ${counts.executed} action(s) run${counts.dryRun > 0 ? ` (${counts.dryRun} as dry runs)` : ""}, ${counts.refused} refused and ${counts.failed} failed.`,
  );
  return lines.map((line) => `- ${line}`).join("\n");
}
