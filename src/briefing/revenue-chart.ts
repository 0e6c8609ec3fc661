/**
 * @module The revenue trend as a Mermaid `xychart-beta` block, which Obsidian renders: a bar per week
 * invoiced in the main currency and, when there is a monthly target, a line at its weekly pace. The chart
 * is always drawn; weeks the books could not give show as 0 and the title says so.
 */
import type { WeekRevenue } from "./books-figures.js";
import type { MoneyTarget } from "./business-goals.js";

/** A monthly target spread over the weeks of a year. */
export const WEEKS_PER_MONTH = 52 / 12;

function niceMax(value: number): number {
  if (value <= 0) return 100;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((candidate) => candidate * magnitude >= value * 1.1) ?? 10;
  return step * magnitude;
}

function label(date: string): string {
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${month[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
}

export function weekInvoiced(week: WeekRevenue, currency: string | undefined): number | undefined {
  if (week.currencies === undefined) return undefined;
  return week.currencies
    .filter((row) => currency === undefined || row.currency === currency)
    .reduce((sum, row) => sum + row.invoiced, 0);
}

export function renderRevenueChart(
  trend: readonly WeekRevenue[],
  currency: string | undefined,
  target: MoneyTarget | undefined,
): string {
  const values = trend.map((week) => weekInvoiced(week, currency));
  const bars = values.map((value) => Math.round((value ?? 0) * 100) / 100);
  const pace =
    target && (target.currency === undefined || target.currency === currency)
      ? Math.round((target.amount / WEEKS_PER_MONTH) * 100) / 100
      : undefined;
  const missing = values.filter((value) => value === undefined).length;
  const unit = currency ? ` (${currency})` : "";
  const title =
    missing === values.length
      ? `Invoiced per week${unit}: figures missing`
      : missing > 0
        ? `Invoiced per week${unit}: ${missing} week(s) missing`
        : `Invoiced per week${unit}`;
  const top = niceMax(Math.max(0, ...bars, pace ?? 0));
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${title}"`,
    `    x-axis [${trend.map((week) => `"${label(week.start)}"`).join(", ")}]`,
    `    y-axis "${currency ?? "Amount"}" 0 --> ${top}`,
    `    bar [${bars.join(", ")}]`,
    ...(pace === undefined ? [] : [`    line [${bars.map(() => pace).join(", ")}]`]),
    "```",
  ].join("\n");
}
