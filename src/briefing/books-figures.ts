/**
 * @module The week's figures from the books: revenue per week for the trend, month to date, the open
 * invoices and the vendor bills. Each read stands alone: when the books are unreachable the figures that
 * could not be read are named as missing and the briefing is written anyway.
 */
import type {
  BriefingBooks,
  BriefingCurrencyRevenue,
  BriefingInvoice,
  BriefingVendorBill,
} from "./briefing-books.js";
import type { BriefingWeek } from "./briefing-week.js";
import { addDays } from "./time-zone.js";

/** Weeks in the revenue trend, this one included. */
export const TREND_WEEKS = 8;
/** Far enough back to find the previous bill of a yearly subscription. */
export const BILL_LOOKBACK_DAYS = 400;
/** A read that has not answered by then counts as failed, so an unreachable server cannot stall the briefing. */
const BOOKS_TIMEOUT_MS = 60_000;

export interface WeekRevenue {
  start: string;
  end: string;
  /** Undefined when this week's figure could not be read. */
  currencies: readonly BriefingCurrencyRevenue[] | undefined;
}

export interface BooksFigures {
  /** Where the books are, for a person; undefined when none are configured. */
  source: string | undefined;
  /** Oldest first; the last one is the briefing's week. */
  trend: WeekRevenue[];
  monthToDate: { from: string; to: string; currencies: readonly BriefingCurrencyRevenue[] } | undefined;
  openInvoices: readonly BriefingInvoice[] | undefined;
  vendorBills: readonly BriefingVendorBill[] | undefined;
  /** Figures that could not be read, in a person's words. */
  missing: string[];
  /** Why, when something is missing. */
  problem: string | undefined;
}

export const FIGURE_NAMES = {
  week: "revenue this week",
  monthToDate: "revenue month to date",
  trend: "revenue trend",
  invoices: "overdue invoices and invoice due dates",
  bills: "subscription audit (vendor bills)",
} as const;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${BOOKS_TIMEOUT_MS / 1000} s`)),
      BOOKS_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function readBooksFigures(
  books: BriefingBooks | undefined,
  week: BriefingWeek,
): Promise<BooksFigures> {
  const weeks = Array.from({ length: TREND_WEEKS }, (_, index) => {
    const start = addDays(week.start, -7 * (TREND_WEEKS - 1 - index));
    return { start, end: addDays(start, 6) };
  });
  const monthStart = `${week.end.slice(0, 7)}-01`;
  if (!books) {
    return {
      source: undefined,
      trend: weeks.map((entry) => ({ ...entry, currencies: undefined })),
      monthToDate: undefined,
      openInvoices: undefined,
      vendorBills: undefined,
      missing: Object.values(FIGURE_NAMES),
      problem: "no books are configured (set ODOO_URL, or keep invoices in Accounting/)",
    };
  }
  const call = <T>(what: string, run: () => Promise<T>) =>
    withTimeout(Promise.resolve().then(run), `${books.description}: ${what}`);
  const [trend, monthToDate, invoices, bills] = await Promise.all([
    Promise.allSettled(weeks.map((entry) => call("revenue", () => books.revenue(entry.start, entry.end)))),
    Promise.allSettled([call("revenue", () => books.revenue(monthStart, week.end))]),
    Promise.allSettled([
      call("open invoices", () =>
        books.listInvoices({ state: "posted", paymentState: ["not_paid", "partial"] }),
      ),
    ]),
    Promise.allSettled([
      call("vendor bills", () => books.vendorBills(addDays(week.end, -BILL_LOOKBACK_DAYS), week.end)),
    ]),
  ]);
  const missing: string[] = [];
  const problems: string[] = [];
  const settle = <T>(result: PromiseSettledResult<T> | undefined, name: string): T | undefined => {
    if (result?.status === "fulfilled") return result.value;
    missing.push(name);
    if (result) problems.push(reason(result.reason));
    return undefined;
  };
  const trendFigures = weeks.map((entry, index) => {
    const result = trend[index];
    if (result?.status === "rejected") problems.push(reason(result.reason));
    return { ...entry, currencies: result?.status === "fulfilled" ? result.value.currencies : undefined };
  });
  if (trendFigures.at(-1)?.currencies === undefined) missing.push(FIGURE_NAMES.week);
  if (trendFigures.some((entry) => entry.currencies === undefined)) missing.push(FIGURE_NAMES.trend);
  const month = settle(monthToDate[0], FIGURE_NAMES.monthToDate);
  const openInvoices = settle(invoices[0], FIGURE_NAMES.invoices);
  const vendorBills = settle(bills[0], FIGURE_NAMES.bills);
  return {
    source: books.description,
    trend: trendFigures,
    monthToDate: month ? { from: monthStart, to: week.end, currencies: month.currencies } : undefined,
    openInvoices,
    vendorBills,
    missing,
    problem:
      problems.length === 0
        ? undefined
        : `${books.description} could not be read: ${[...new Set(problems)].join("; ")}`,
  };
}
