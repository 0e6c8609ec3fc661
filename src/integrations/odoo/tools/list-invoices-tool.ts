/**
 * @module `list_invoices`: customer invoices by state, payment state, customer or overdue.
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../../tool-definition.js";
import type { InvoiceFilter } from "../books.js";
import { READ_ANNOTATIONS, money, type AccountingToolDeps } from "./accounting-tool-deps.js";

const PAYMENT_STATES = ["not_paid", "partial", "in_payment", "paid", "reversed"] as const;

export function createListInvoicesTool(deps: AccountingToolDeps): ToolDefinition {
  return defineTool({
    name: "list_invoices",
    title: "List customer invoices",
    description:
      "List customer invoices with their number, customer, state (draft/posted/cancel), payment state (not_paid/partial/in_payment/paid), total, amount still due and due date. Filter by state, payment state, customer, or overdue (posted, unpaid and past due).",
    input: z.object({
      state: z.enum(["draft", "posted", "cancel"]).optional(),
      payment_state: z.array(z.enum(PAYMENT_STATES)).optional(),
      partner: z.string().min(1).optional().describe("Part of the customer's name or email"),
      overdue: z.boolean().optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    annotations: { ...READ_ANNOTATIONS, openWorldHint: deps.books.kind === "odoo" },
    effect: "read",
    async run(input) {
      const filter: InvoiceFilter = {
        ...(input.state ? { state: input.state } : {}),
        ...(input.payment_state ? { paymentState: input.payment_state } : {}),
        ...(input.partner ? { partner: input.partner } : {}),
        ...(input.overdue ? { overdue: true } : {}),
        ...(input.limit ? { limit: input.limit } : {}),
      };
      const invoices = await deps.books.listInvoices(filter);
      const lines = invoices.map(
        (invoice) =>
          `- ${invoice.number ?? `draft ${invoice.id}`} (id ${invoice.id}) ${invoice.partner.name}: ${money(invoice.amountTotal, invoice.currency)}, ` +
          `${invoice.state}/${invoice.paymentState}, due ${money(invoice.amountResidual, invoice.currency)}${invoice.dueDate ? ` by ${invoice.dueDate}` : ""}`,
      );
      const text =
        invoices.length === 0
          ? `No invoice matches in ${deps.books.description}.`
          : `${invoices.length} invoice(s) in ${deps.books.description}:\n${lines.join("\n")}`;
      return { text, data: { invoices, books: deps.books.kind } };
    },
  });
}
