/**
 * @module The Key Metrics of Business_Goals.md measured where code can measure them: client response time
 * (finished message tasks), invoice payment rate (the trend's collected share) and software costs (vendor
 * bills of the last 30 days). Targets and alert thresholds are read from a person's words ("under 24
 * hours", "over 90%", "under 500 USD per month"); a metric the code cannot measure says so.
 */
import type { BriefingVendorBill } from "./briefing-books.js";
import type { BriefingWeek } from "./briefing-week.js";
import type { GoalMetric } from "./business-goals.js";
import type { WeekRevenue } from "./books-figures.js";
import type { TaskTiming } from "./task-timeline.js";
import { addDays } from "./time-zone.js";

export type MetricStatus = "on_target" | "off_target" | "alert" | "not_measured";

export interface MetricReading extends GoalMetric {
  /** The measured value for a person ("18.5 h", "87%", "540 USD"), or why there is none. */
  actual: string;
  status: MetricStatus;
}

interface Bound {
  direction: "under" | "over";
  value: number;
}

/** Task types that are a client writing in: their time to done is the response time. */
const MESSAGE_TYPES = new Set(["email", "whatsapp_message", "x_mention"]);
const SOFTWARE_COST_DAYS = 30;

export function parseBound(text: string): Bound | undefined {
  const match =
    /(under|below|less than|at most|<=?|over|above|more than|at least|>=?)\s*[$€£]?\s*(\d[\d,]*(?:\.\d+)?)\s*(k\b)?\s*(%|hours?|hrs?|h\b|days?|d\b|minutes?|mins?)?/i.exec(
      text,
    );
  if (!match) return undefined;
  let value = Number(match[2]!.replace(/,/g, "")) * (match[3] ? 1_000 : 1);
  const unit = (match[4] ?? "").toLowerCase();
  if (unit.startsWith("d")) value *= 24;
  if (unit.startsWith("m")) value /= 60;
  const word = match[1]!.toLowerCase();
  return { direction: /under|below|less|most|</.test(word) ? "under" : "over", value };
}

function meets(bound: Bound, actual: number): boolean {
  return bound.direction === "under" ? actual < bound.value : actual > bound.value;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The client response target in hours, when Business_Goals.md states one ("under 24 hours"). */
export function responseTargetHours(metrics: readonly GoalMetric[]): number | undefined {
  const row = metrics.find((metric) => /response/i.test(metric.metric));
  const bound = row ? parseBound(row.target) : undefined;
  return bound?.direction === "under" ? bound.value : undefined;
}

export interface MetricInputs {
  timings: readonly TaskTiming[];
  trend: readonly WeekRevenue[];
  vendorBills: readonly BriefingVendorBill[] | undefined;
  currency: string | undefined;
  week: BriefingWeek;
}

function measure(metric: GoalMetric, inputs: MetricInputs): { value: number; text: string } | string {
  const name = metric.metric.toLowerCase();
  if (/response/.test(name)) {
    const hours = median(
      inputs.timings
        .filter((timing) => MESSAGE_TYPES.has(timing.task.type))
        .map((timing) => timing.totalHours)
        .filter((value): value is number => value !== undefined),
    );
    return hours === undefined
      ? "no message task finished this week"
      : { value: hours, text: `${hours.toFixed(1)} h (median, messages done this week)` };
  }
  if (/pay|collect/.test(name)) {
    if (inputs.trend.some((week) => week.currencies === undefined)) return "books not readable";
    const rows = inputs.trend
      .flatMap((week) => week.currencies ?? [])
      .filter((row) => inputs.currency === undefined || row.currency === inputs.currency);
    const invoiced = rows.reduce((sum, row) => sum + row.invoiced, 0);
    if (invoiced <= 0) return "nothing invoiced in the last 8 weeks";
    const rate = (rows.reduce((sum, row) => sum + row.collected, 0) / invoiced) * 100;
    return { value: rate, text: `${rate.toFixed(0)}% (collected of the last 8 weeks' invoices)` };
  }
  if (/software|subscription|tool/.test(name) && /cost|spend/.test(name)) {
    if (!inputs.vendorBills) return "books not readable";
    const currency =
      /\b([A-Z]{3})\b/.exec(`${metric.target} ${metric.alertThreshold}`)?.[1] ?? inputs.currency;
    const from = addDays(inputs.week.end, -(SOFTWARE_COST_DAYS - 1));
    const total = inputs.vendorBills
      .filter((bill) => bill.date >= from && bill.date <= inputs.week.end)
      .filter((bill) => currency === undefined || bill.currency === currency)
      .reduce((sum, bill) => sum + bill.amount, 0);
    const rounded = Math.round(total * 100) / 100;
    return {
      value: rounded,
      text: `${rounded.toLocaleString("en-US")}${currency ? ` ${currency}` : ""} (bills, last 30 days)`,
    };
  }
  return "not measured by the briefing";
}

export function readKeyMetrics(metrics: readonly GoalMetric[], inputs: MetricInputs): MetricReading[] {
  return metrics.map((metric) => {
    const measured = measure(metric, inputs);
    if (typeof measured === "string") return { ...metric, actual: measured, status: "not_measured" };
    const alert = parseBound(metric.alertThreshold);
    const target = parseBound(metric.target);
    const status: MetricStatus =
      alert && meets(alert, measured.value)
        ? "alert"
        : target
          ? meets(target, measured.value)
            ? "on_target"
            : "off_target"
          : "not_measured";
    return { ...metric, actual: measured.text, status };
  });
}
