/**
 * @module Gathers a week's briefing: the vault (Done/, Pending_Approval/, Business_Goals.md), the audit
 * log of the week and the books, each read in the cheapest way that scales to years of history, and
 * computes every figure the briefing shows.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { BUSINESS_GOALS_FILE } from "../vault/folders.js";
import { createNoteStore } from "../vault/note-store.js";
import type { BriefingBooks, BriefingCurrencyRevenue } from "./briefing-books.js";
import type { BriefingData, RevenueSummary } from "./briefing-data.js";
import { briefingWeek, type BriefingWeek } from "./briefing-week.js";
import { readBooksFigures, type BooksFigures } from "./books-figures.js";
import { readBusinessGoals, type BusinessGoals } from "./business-goals.js";
import { readDoneNotes, type ApprovalTrail } from "./done-notes.js";
import { readKeyMetrics, responseTargetHours } from "./key-metrics.js";
import { mapBounded } from "./map-bounded.js";
import { splitOpenInvoices } from "./open-invoices.js";
import { readPendingApprovals } from "./pending-approvals.js";
import { auditSubscriptions } from "./subscription-audit.js";
import { buildSuggestions } from "./suggestions.js";
import { bottlenecksOf, DEFAULT_EXPECTED_HOURS, taskTiming, type TaskTiming } from "./task-timeline.js";
import { createTimeZone, daysInMonth } from "./time-zone.js";
import { readWeekLog } from "./week-log.js";

const TIMING_CONCURRENCY = 16;

export interface CollectBriefingInput {
  vaultRoot: string;
  /** Any date in the week (`YYYY-MM-DD`, local) or an instant in it; default: the week that just ended. */
  week?: string | Date | undefined;
  /** Undefined when no books are configured: the revenue figures are then reported missing. */
  books: BriefingBooks | undefined;
  now: Date;
  /** IANA time zone the week is counted in (AI_EMPLOYEE_TIMEZONE). */
  timezone: string;
}

async function readGoals(vaultRoot: string): Promise<BusinessGoals> {
  try {
    return readBusinessGoals(await readFile(path.join(vaultRoot, BUSINESS_GOALS_FILE), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return readBusinessGoals(undefined);
    throw error;
  }
}

function mainCurrency(goals: BusinessGoals, books: BooksFigures): string | undefined {
  if (goals.monthlyRevenueTarget?.currency) return goals.monthlyRevenueTarget.currency;
  const totals = new Map<string, number>();
  for (const row of books.trend.flatMap((week) => week.currencies ?? [])) {
    totals.set(row.currency, (totals.get(row.currency) ?? 0) + Math.abs(row.invoiced));
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

function revenueSummary(week: BriefingWeek, goals: BusinessGoals, books: BooksFigures): RevenueSummary {
  const monthStart = `${week.end.slice(0, 7)}-01`;
  const currency = mainCurrency(goals, books);
  const copy = (rows: readonly BriefingCurrencyRevenue[] | undefined) => (rows ? [...rows] : undefined);
  const target = goals.monthlyRevenueTarget;
  return {
    currency,
    thisWeek: copy(books.trend.at(-1)?.currencies),
    monthToDate: copy(books.monthToDate?.currencies),
    monthStart,
    target: target && { amount: target.amount, currency: target.currency ?? currency },
    monthElapsed: Number(week.end.slice(8, 10)) / daysInMonth(week.end),
  };
}

export async function collectBriefingData(input: CollectBriefingInput): Promise<BriefingData> {
  const zone = createTimeZone(input.timezone);
  const week = briefingWeek(input.week, input.now, zone);
  const today = zone.localDate(input.now);
  const store = createNoteStore(path.resolve(input.vaultRoot));
  const [goals, log, books, pending] = await Promise.all([
    readGoals(store.root),
    readWeekLog(store.root, week),
    readBooksFigures(input.books, week),
    readPendingApprovals(store),
  ]);
  const done = await readDoneNotes(store.root, week, log);

  const timings: TaskTiming[] = await mapBounded(done.tasks, TIMING_CONCURRENCY, async (task) => {
    const trail = log.trails.get(task.id);
    const planned = trail?.planned ?? (await done.planCreated(task));
    const ids = [...new Set([...task.approvalIds, ...(trail?.approvalIds ?? [])])];
    const approvals = (await Promise.all(ids.map((id) => done.approval(id)))).filter(
      (approval): approval is ApprovalTrail => approval !== undefined,
    );
    return taskTiming(task, planned, approvals, trail?.executed);
  });
  const expectedHours = {
    ...DEFAULT_EXPECTED_HOURS,
    total: responseTargetHours(goals.metrics) ?? DEFAULT_EXPECTED_HOURS.total,
  };
  const bottlenecks = timings
    .flatMap((timing) => bottlenecksOf(timing, expectedHours))
    .sort((a, b) => b.delayHours - a.delayHours || a.task.link.localeCompare(b.task.link));

  const revenue = revenueSummary(week, goals, books);
  const open = books.openInvoices ? splitOpenInvoices(books.openInvoices, today) : undefined;
  const subscriptionAudit = books.vendorBills
    ? auditSubscriptions(books.vendorBills, goals.auditRules, goals.categories, week)
    : undefined;
  const waitingTooLong = pending.requests.filter(
    (request) =>
      request.created !== undefined &&
      input.now.getTime() - request.created > expectedHours.decision * 3_600_000,
  );
  const { suggestions, notShown } = buildSuggestions({
    week,
    now: input.now,
    findings: subscriptionAudit?.findings ?? [],
    overdue: open?.overdue ?? [],
    waiting: waitingTooLong,
  });
  const metrics = readKeyMetrics(goals.metrics, {
    timings,
    trend: books.trend,
    vendorBills: books.vendorBills,
    currency: revenue.currency,
    week,
  });

  const notes = [...goals.problems];
  if (books.problem) notes.push(books.problem);
  if (done.unreadable.length > 0) {
    notes.push(
      `${done.unreadable.length} note(s) in Done/ have no readable front matter and were left out: ${done.unreadable.slice(0, 5).join(", ")}${done.unreadable.length > 5 ? ", …" : ""}`,
    );
  }
  if (log.counts.unreadable > 0) {
    notes.push(
      `${log.counts.unreadable} line(s) of the week's audit log are not JSON: run \`ai-employee logs verify\` to see where the log was changed`,
    );
  }
  if (pending.notRead > 0)
    notes.push(`${pending.notRead} more approval request(s) wait in Pending_Approval/`);

  return {
    week,
    generated: input.now.toISOString(),
    today,
    goals,
    completed: {
      business: done.tasks.filter((task) => task.domain === "business"),
      personal: done.tasks.filter((task) => task.domain === "personal"),
    },
    timings,
    bottlenecks,
    expectedHours,
    log: log.counts,
    books,
    revenue,
    overdueInvoices: open?.overdue,
    upcomingInvoices: open?.upcoming,
    pendingApprovals: pending.requests,
    waitingTooLong,
    subscriptionAudit,
    metrics,
    suggestions,
    suggestionsNotShown: notShown,
    figuresMissing: books.missing,
    notes,
  };
}
