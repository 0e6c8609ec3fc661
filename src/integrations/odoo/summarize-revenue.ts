/**
 * @module Revenue per currency from invoice figures: the same sum for both books, so Odoo and the vault
 * cannot disagree on what "revenue" means. Credit notes count negative.
 */
import type { CurrencyRevenue, InvoiceSummary } from "./books.js";

export interface RevenueRow extends Pick<InvoiceSummary, "amountTotal" | "amountResidual" | "currency"> {
  untaxed: number;
  refund: boolean;
}

export function summarizeRevenue(rows: readonly RevenueRow[]): CurrencyRevenue[] {
  const byCurrency = new Map<string, CurrencyRevenue>();
  for (const row of rows) {
    const sign = row.refund ? -1 : 1;
    const entry = byCurrency.get(row.currency) ?? {
      currency: row.currency,
      invoiced: 0,
      untaxed: 0,
      collected: 0,
      outstanding: 0,
      invoiceCount: 0,
    };
    entry.invoiced = cents(entry.invoiced + sign * row.amountTotal);
    entry.untaxed = cents(entry.untaxed + sign * row.untaxed);
    entry.collected = cents(entry.collected + sign * (row.amountTotal - row.amountResidual));
    entry.outstanding = cents(entry.outstanding + sign * row.amountResidual);
    if (!row.refund) entry.invoiceCount += 1;
    byCurrency.set(row.currency, entry);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Sums of binary floats drift (0.1 + 0.2); money is kept to the cent. */
function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
