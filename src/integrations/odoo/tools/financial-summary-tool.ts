/**
 * @module `financial_summary`: revenue, money collected, overdue invoices, payments received and
 * supplier bills for a period (this month to date unless asked otherwise).
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../../tool-definition.js";
import { isoDate } from "../iso-date.js";
import { READ_ANNOTATIONS, isoDateInput, money, type AccountingToolDeps } from "./accounting-tool-deps.js";

export function createFinancialSummaryTool(deps: AccountingToolDeps): ToolDefinition {
  return defineTool({
    name: "financial_summary",
    title: "Financial summary",
    description:
      "Summarise the books for a period: revenue invoiced and collected per currency, overdue invoices, customer payments received and supplier bills. Defaults to the current month up to today.",
    input: z.object({
      from: isoDateInput.optional().describe("First day, YYYY-MM-DD (default: the first of this month)"),
      to: isoDateInput.optional().describe("Last day, YYYY-MM-DD (default: today)"),
    }),
    annotations: { ...READ_ANNOTATIONS, openWorldHint: deps.books.kind === "odoo" },
    effect: "read",
    async run(input) {
      const today = isoDate(deps.now());
      const from = input.from ?? `${today.slice(0, 8)}01`;
      const to = input.to ?? today;
      const [revenue, overdue, payments, bills] = await Promise.all([
        deps.books.revenue(from, to),
        deps.books.listInvoices({ overdue: true }),
        deps.books.recentPayments(from),
        deps.books.vendorBills(from, to),
      ]);
      const received = payments.filter((payment) => payment.date <= to);
      const lines = [`Books: ${deps.books.description}. Period ${from} to ${to}.`];
      if (revenue.currencies.length === 0) lines.push("Revenue: no posted invoice in the period.");
      for (const entry of revenue.currencies) {
        lines.push(
          `Revenue ${entry.currency}: ${money(entry.invoiced, entry.currency)} invoiced on ${entry.invoiceCount} invoice(s), ` +
            `${money(entry.collected, entry.currency)} collected, ${money(entry.outstanding, entry.currency)} outstanding.`,
        );
      }
      lines.push(
        `Overdue invoices: ${overdue.length}${overdue.length ? ` (${overdue.map((invoice) => `${invoice.number ?? invoice.id} ${money(invoice.amountResidual, invoice.currency)}`).join(", ")})` : ""}.`,
      );
      lines.push(`Payments received: ${received.length}. Supplier bills: ${bills.length}.`);
      return {
        text: lines.join("\n"),
        data: { from, to, revenue, overdue, payments: received, vendorBills: bills, books: deps.books.kind },
      };
    },
  });
}
