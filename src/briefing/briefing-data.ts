/**
 * @module Everything a briefing says, computed by code before any of it is rendered: a model may write
 * the executive summary from this, never a figure.
 */
import type { BriefingCurrencyRevenue } from "./briefing-books.js";
import type { BriefingWeek } from "./briefing-week.js";
import type { BooksFigures } from "./books-figures.js";
import type { BusinessGoals, MoneyTarget } from "./business-goals.js";
import type { DoneTask } from "./done-notes.js";
import type { MetricReading } from "./key-metrics.js";
import type { OpenInvoice } from "./open-invoices.js";
import type { PendingApproval } from "./pending-approvals.js";
import type { SubscriptionAudit } from "./subscription-audit.js";
import type { Suggestion } from "./suggestion.js";
import type { Bottleneck, Stage, TaskTiming } from "./task-timeline.js";
import type { WeekLogCounts } from "./week-log.js";

export interface RevenueSummary {
  /** The currency the target and the chart are in: the target's, else the one most invoiced. */
  currency: string | undefined;
  thisWeek: BriefingCurrencyRevenue[] | undefined;
  monthToDate: BriefingCurrencyRevenue[] | undefined;
  monthStart: string;
  target: MoneyTarget | undefined;
  /** How much of the month had passed at the week's end (0–1), to read the month to date against. */
  monthElapsed: number;
}

export interface BriefingData {
  week: BriefingWeek;
  /** When the briefing was computed (ISO). */
  generated: string;
  /** The local date the "as of today" figures (open invoices, waiting approvals) were taken on. */
  today: string;
  goals: BusinessGoals;
  completed: { business: DoneTask[]; personal: DoneTask[] };
  timings: TaskTiming[];
  /** Longest delay first. */
  bottlenecks: Bottleneck[];
  expectedHours: Record<Stage, number>;
  log: WeekLogCounts;
  books: BooksFigures;
  revenue: RevenueSummary;
  overdueInvoices: OpenInvoice[] | undefined;
  upcomingInvoices: OpenInvoice[] | undefined;
  pendingApprovals: PendingApproval[];
  /** Pending requests older than the expected decision time. */
  waitingTooLong: PendingApproval[];
  subscriptionAudit: SubscriptionAudit | undefined;
  metrics: MetricReading[];
  suggestions: Suggestion[];
  /** Suggestions over the per-kind bound, counted only. */
  suggestionsNotShown: number;
  /** Figures the books could not give, in a person's words; empty when all are there. */
  figuresMissing: string[];
  /** Things a person should know about the sources (unreadable notes, an edited log, goals not read). */
  notes: string[];
}
