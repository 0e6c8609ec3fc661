/**
 * @module `get_invoice_pdf`: (re)saves an invoice's PDF under `Accounting/Invoices/` and returns its
 * vault path for an email or message attachment. It changes nothing outside the vault.
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../../tool-definition.js";
import { saveInvoicePdf } from "../save-invoice-pdf.js";
import { invoiceIdInput, type AccountingToolDeps } from "./accounting-tool-deps.js";

export function createGetInvoicePdfTool(deps: AccountingToolDeps): ToolDefinition {
  return defineTool({
    name: "get_invoice_pdf",
    title: "Get an invoice's PDF",
    description:
      "Save the PDF of an invoice under Accounting/Invoices/ and return its vault-relative path, to attach to an email or WhatsApp message. Odoo's own layout is used when Odoo allows it; otherwise the invoice is rendered locally.",
    input: z.object({ invoice_id: invoiceIdInput }),
    annotations: {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: deps.books.kind === "odoo",
    },
    effect: "read",
    async run({ invoice_id }) {
      const saved = await saveInvoicePdf(deps, invoice_id);
      return {
        text: `The PDF of invoice ${saved.invoice.number ?? saved.invoice.id} is at ${saved.path} (${saved.source}).`,
        data: {
          path: saved.path,
          source: saved.source,
          invoiceId: saved.invoice.id,
          number: saved.invoice.number ?? null,
        },
      };
    },
  });
}
