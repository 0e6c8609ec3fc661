/**
 * @module Open customer invoices as of the day the briefing is written: the overdue ones and those due
 * within the deadline horizon.
 */
import type { BriefingInvoice } from "./briefing-books.js";
import { addDays, daysBetween } from "./time-zone.js";

/** How far ahead "upcoming deadlines" look. */
export const DEADLINE_HORIZON_DAYS = 14;

export interface OpenInvoice {
  invoice: BriefingInvoice;
  /** Days overdue, or days until due. */
  days: number;
}

const OPEN_STATES = new Set(["not_paid", "partial"]);

export function splitOpenInvoices(
  invoices: readonly BriefingInvoice[],
  today: string,
): { overdue: OpenInvoice[]; upcoming: OpenInvoice[] } {
  const horizon = addDays(today, DEADLINE_HORIZON_DAYS);
  const open = invoices.filter(
    (invoice) =>
      invoice.state === "posted" &&
      OPEN_STATES.has(invoice.paymentState) &&
      invoice.amountResidual > 0 &&
      invoice.dueDate !== undefined,
  );
  const overdue = open
    .filter((invoice) => invoice.dueDate! < today)
    .map((invoice) => ({ invoice, days: daysBetween(invoice.dueDate!, today) }))
    .sort((a, b) => b.days - a.days || a.invoice.id.localeCompare(b.invoice.id));
  const upcoming = open
    .filter((invoice) => invoice.dueDate! >= today && invoice.dueDate! <= horizon)
    .map((invoice) => ({ invoice, days: daysBetween(today, invoice.dueDate!) }))
    .sort((a, b) => a.days - b.days || a.invoice.id.localeCompare(b.invoice.id));
  return { overdue, upcoming };
}
