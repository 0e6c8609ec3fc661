/**
 * @module The Revenue section: this week, month to date against the monthly target, the trend in words
 * and as a chart, and the Key Metrics of Business_Goals.md.
 */
import type { BriefingCurrencyRevenue } from "./briefing-books.js";
import type { BriefingData } from "./briefing-data.js";
import { escapeCell, formatMoney, formatPercent } from "./markdown-format.js";
import { renderRevenueChart, weekInvoiced } from "./revenue-chart.js";

const STATUS_TEXT = { on_target: "on target", off_target: "off target", alert: "⚠ alert", not_measured: "—" };

function amountIn(rows: readonly BriefingCurrencyRevenue[] | undefined, currency: string | undefined) {
  return rows?.find((row) => row.currency === currency) ?? (currency === undefined ? rows?.[0] : undefined);
}

function others(rows: readonly BriefingCurrencyRevenue[] | undefined, currency: string | undefined): string {
  const rest = (rows ?? []).filter((row) => row.currency !== currency && row.invoiced !== 0);
  return rest.length === 0
    ? ""
    : ` (also ${rest.map((row) => formatMoney(row.invoiced, row.currency)).join(", ")})`;
}

export function trendSentence(data: BriefingData): string | undefined {
  const values = data.books.trend.map((week) => weekInvoiced(week, data.revenue.currency));
  if (values.some((value) => value === undefined)) return undefined;
  const half = Math.floor(values.length / 2);
  const sum = (list: (number | undefined)[]) =>
    list.reduce<number>((total, value) => total + (value ?? 0), 0);
  const recent = sum(values.slice(half));
  const before = sum(values.slice(0, half));
  const change =
    recent === before
      ? "flat"
      : before === 0
        ? "up from nothing"
        : `${recent > before ? "up" : "down"} ${formatPercent(Math.abs(recent - before) / before)}`;
  return `${formatMoney(recent, data.revenue.currency)} in the last ${values.length - half} weeks against ${formatMoney(before, data.revenue.currency)} in the ${half} before (${change}).`;
}

export function renderRevenue(data: BriefingData): string {
  const { revenue } = data;
  const currency = revenue.currency;
  const lines: string[] = ["## Revenue", ""];
  const week = amountIn(revenue.thisWeek, currency);
  lines.push(
    revenue.thisWeek === undefined
      ? "- **This week:** missing (the books could not be read)"
      : `- **This week:** ${formatMoney(week?.invoiced ?? 0, currency)} invoiced in ${week?.invoiceCount ?? 0} invoice(s), ${formatMoney(week?.collected ?? 0, currency)} of it collected${others(revenue.thisWeek, currency)}`,
  );
  const month = amountIn(revenue.monthToDate, currency);
  const target = revenue.target;
  const period = `${revenue.monthStart} to ${data.week.end}`;
  if (revenue.monthToDate === undefined) {
    lines.push(`- **Month to date** (${period}): missing (the books could not be read)`);
  } else {
    const invoiced = month?.invoiced ?? 0;
    const against =
      target && target.amount > 0
        ? ` — ${formatPercent(invoiced / target.amount)} of the ${formatMoney(target.amount, target.currency)} monthly target, with ${formatPercent(revenue.monthElapsed)} of the month gone`
        : " — no monthly target in Business_Goals.md";
    lines.push(
      `- **Month to date** (${period}): ${formatMoney(invoiced, currency)}${against}${others(revenue.monthToDate, currency)}`,
    );
  }
  const trend = trendSentence(data);
  lines.push(`- **Trend:** ${trend ?? "missing for some weeks (the books could not be read)"}`);
  lines.push("", renderRevenueChart(data.books.trend, currency, target), "");
  lines.push("### Against Business Goals", "");
  if (data.metrics.length === 0) {
    lines.push("Business_Goals.md has no Key Metrics table.");
  } else {
    lines.push(
      "| Metric | Target | Alert threshold | This week | Status |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const metric of data.metrics) {
      lines.push(
        `| ${[metric.metric, metric.target, metric.alertThreshold, metric.actual, STATUS_TEXT[metric.status]].map(escapeCell).join(" | ")} |`,
      );
    }
  }
  return lines.join("\n");
}
