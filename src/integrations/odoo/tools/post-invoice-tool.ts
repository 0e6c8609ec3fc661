/**
 * @module `post_invoice`: confirms a draft invoice (it gets its number and becomes due) and saves its
 * PDF for the email or message that sends it. The approval names the customer and the total; the
 * invoice is checked against them first, so an invoice edited after approval is not posted.
 */
import { z } from "zod";
import { LogicError } from "../../../governance/errors/logic-error.js";
import { defineTool, type ToolDefinition } from "../../tool-definition.js";
import { saveInvoicePdf } from "../save-invoice-pdf.js";
import {
  currencyInput,
  dryRunFlag,
  invoiceIdInput,
  money,
  partnerInput,
  samePartner,
  whereKept,
  type AccountingToolDeps,
} from "./accounting-tool-deps.js";

/** Totals are compared to the cent. */
const CENT = 0.005;

export function createPostInvoiceTool(deps: AccountingToolDeps): ToolDefinition {
  return defineTool({
    name: "post_invoice",
    title: "Post an invoice",
    description:
      "Post (confirm) a draft customer invoice: it gets its final number and becomes due, and its PDF is saved under Accounting/Invoices/ for attaching to an email. Give the customer and total as the draft shows them.",
    input: z.object({
      invoice_id: invoiceIdInput,
      partner: partnerInput,
      amount_total: z.number().min(0).describe("The invoice's total as the draft shows it"),
      currency: currencyInput,
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
        category: "invoice",
        recipients: [input.partner],
        amount: { value: input.amount_total, currency: input.currency },
        count: 1,
        summary: `Post invoice ${input.invoice_id} to ${input.partner}: ${money(input.amount_total, input.currency)}`,
      };
    },
    async run(input) {
      const draft = await deps.books.getInvoice(input.invoice_id);
      if (
        !samePartner(draft.partner, input.partner) ||
        Math.abs(draft.amountTotal - input.amount_total) > CENT ||
        draft.currency !== input.currency
      ) {
        throw new LogicError(
          `Invoice ${input.invoice_id} is for ${draft.partner.name}, ${money(draft.amountTotal, draft.currency)}, not ${input.partner}, ${money(input.amount_total, input.currency)} as approved; propose posting it again`,
        );
      }
      // A repeat after a lost answer finds the invoice already posted: that is the approved outcome.
      const already = draft.state === "posted";
      const posted = already
        ? { id: draft.id, number: draft.number, state: draft.state }
        : await deps.books.postInvoice(input.invoice_id);
      let pdf: { path: string; source: string } | undefined;
      let pdfProblem: string | undefined;
      try {
        const saved = await saveInvoicePdf(deps, input.invoice_id);
        pdf = { path: saved.path, source: saved.source };
      } catch (error) {
        pdfProblem = error instanceof Error ? error.message : String(error);
      }
      const pdfText = pdf
        ? ` Its PDF is at ${pdf.path} (${pdf.source}).`
        : ` Its PDF could not be saved: ${pdfProblem ?? "unknown error"}.`;
      return {
        text: `${already ? "Invoice was already posted:" : "Posted invoice"} ${posted.number ?? posted.id} for ${draft.partner.name}, ${money(draft.amountTotal, draft.currency)},${whereKept(deps)}.${pdfText}`,
        data: {
          ...posted,
          pdfPath: pdf?.path ?? null,
          pdfSource: pdf?.source ?? null,
          books: deps.books.kind,
        },
        ...dryRunFlag(deps),
      };
    },
  });
}
