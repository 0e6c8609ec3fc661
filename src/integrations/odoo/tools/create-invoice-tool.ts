/**
 * @module `create_invoice`: a draft customer invoice. A draft changes nothing for the customer (it is
 * not numbered in Odoo, not sent, not due) but it is still a change to the books, so it is gated.
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../../tool-definition.js";
import {
  currencyInput,
  dryRunFlag,
  isoDateInput,
  money,
  whereKept,
  type AccountingToolDeps,
} from "./accounting-tool-deps.js";

const input = z.object({
  partner: z.object({
    name: z.string().min(1).describe("The customer's name"),
    email: z
      .email()
      .optional()
      .describe("The customer's email address, which also finds an existing customer"),
  }),
  lines: z
    .array(
      z.object({
        description: z.string().min(1),
        quantity: z.number().positive(),
        unit_price: z.number().min(0),
        product_id: z
          .string()
          .optional()
          .describe("An Odoo product id, when the service is a product in Odoo"),
      }),
    )
    .min(1)
    .max(100),
  currency: currencyInput,
  due_date: isoDateInput.optional(),
  reference: z.string().max(100).optional().describe("The customer's own reference, e.g. their PO number"),
});

function total(lines: z.infer<typeof input>["lines"]): number {
  return Math.round(lines.reduce((sum, line) => sum + line.quantity * line.unit_price, 0) * 100) / 100;
}

export function createCreateInvoiceTool(deps: AccountingToolDeps): ToolDefinition {
  return defineTool({
    name: "create_invoice",
    title: "Create a draft invoice",
    description:
      "Create a draft customer invoice (not yet posted or sent). Price the lines from Accounting/Rates.md; never invent a price. Returns the invoice id to pass to post_invoice.",
    input,
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: deps.books.kind === "odoo",
    },
    effect: "write",
    facts(invoice) {
      const amount = total(invoice.lines);
      const who = invoice.partner.email ?? invoice.partner.name;
      return {
        category: "invoice",
        recipients: [who],
        amount: { value: amount, currency: invoice.currency },
        count: 1,
        summary: `Draft invoice for ${invoice.partner.name}${invoice.partner.email ? ` <${invoice.partner.email}>` : ""}: ${money(amount, invoice.currency)} (${invoice.lines.length} line(s))`,
      };
    },
    async run(invoice) {
      const created = await deps.books.createInvoice({
        partner: {
          name: invoice.partner.name,
          ...(invoice.partner.email ? { email: invoice.partner.email } : {}),
        },
        lines: invoice.lines.map((line) => ({
          description: line.description,
          quantity: line.quantity,
          unitPrice: line.unit_price,
          ...(line.product_id ? { productId: line.product_id } : {}),
        })),
        currency: invoice.currency,
        ...(invoice.due_date ? { dueDate: invoice.due_date } : {}),
        ...(invoice.reference ? { reference: invoice.reference } : {}),
      });
      const amount = total(invoice.lines);
      return {
        text: `Created draft invoice ${created.number ?? ""} (id ${created.id}) for ${invoice.partner.name}, ${money(amount, invoice.currency)},${whereKept(deps)}.`.replace(
          "  ",
          " ",
        ),
        data: { ...created, amountTotal: amount, currency: invoice.currency, books: deps.books.kind },
        ...dryRunFlag(deps),
      };
    },
  });
}
