/**
 * @module `register_payment`: records a customer's payment against a posted invoice (Odoo's "Register
 * Payment"). Checked against the approved customer, currency and what is left to pay first; never
 * retried automatically, since a repeat would record the money twice.
 */
import { z } from "zod";
import { LogicError } from "../../../governance/errors/logic-error.js";
import { defineTool, type ToolDefinition } from "../../tool-definition.js";
import {
  currencyInput,
  dryRunFlag,
  invoiceIdInput,
  isoDateInput,
  money,
  partnerInput,
  samePartner,
  whereKept,
  type AccountingToolDeps,
} from "./accounting-tool-deps.js";

/** Amounts are compared to the cent. */
const CENT = 0.005;

export function createRegisterPaymentTool(deps: AccountingToolDeps): ToolDefinition {
  return defineTool({
    name: "register_payment",
    title: "Register a customer payment",
    description:
      "Record money received from a customer against a posted invoice, reducing what is left to pay (a full payment marks it paid). Use only for money that has actually arrived, e.g. a bank line.",
    input: z.object({
      invoice_id: invoiceIdInput,
      partner: partnerInput,
      amount: z.number().positive(),
      currency: currencyInput,
      date: isoDateInput.describe("The day the money arrived, YYYY-MM-DD"),
      journal: z
        .string()
        .min(1)
        .optional()
        .describe("The bank or cash journal's name or code (default: the main bank journal)"),
    }),
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: deps.books.kind === "odoo",
    },
    effect: "write",
    facts(input) {
      return {
        category: "payment",
        recipients: [input.partner],
        amount: { value: input.amount, currency: input.currency },
        count: 1,
        summary: `Register payment of ${money(input.amount, input.currency)} from ${input.partner} on invoice ${input.invoice_id} (${input.date})`,
      };
    },
    async run(input) {
      const invoice = await deps.books.getInvoice(input.invoice_id);
      if (!samePartner(invoice.partner, input.partner) || invoice.currency !== input.currency) {
        throw new LogicError(
          `Invoice ${input.invoice_id} is for ${invoice.partner.name} in ${invoice.currency}, not ${input.partner} in ${input.currency} as approved; nothing was recorded`,
        );
      }
      if (invoice.state !== "posted")
        throw new LogicError(
          `Invoice ${input.invoice_id} is ${invoice.state}; only a posted invoice can be paid`,
        );
      if (input.amount > invoice.amountResidual + CENT) {
        throw new LogicError(
          `${money(input.amount, input.currency)} is more than the ${money(invoice.amountResidual, invoice.currency)} left to pay on ${invoice.number ?? input.invoice_id}; nothing was recorded`,
        );
      }
      const { payment, invoice: after } = await deps.books.registerPayment({
        invoiceId: input.invoice_id,
        amount: input.amount,
        date: input.date,
        ...(input.journal ? { journal: input.journal } : {}),
      });
      const left =
        after.amountResidual > CENT
          ? `${money(after.amountResidual, after.currency)} is still due`
          : "it is now paid";
      return {
        text: `Registered payment ${payment.reference} of ${money(payment.amount, payment.currency)} from ${invoice.partner.name} on ${after.number ?? after.id}; ${left} (${after.paymentState})${whereKept(deps)}.`,
        data: { payment, invoice: after, books: deps.books.kind },
        ...dryRunFlag(deps),
      };
    },
  });
}
