/**
 * @module Puts an invoice's PDF at `Accounting/Invoices/<number>.pdf`, where an email or WhatsApp
 * message can attach it by its vault-relative path. Odoo's own report is used when the books can hand
 * it out; otherwise the invoice is rendered locally, and the result says which and why.
 */
import path from "node:path";
import { writeFileAtomic } from "../../vault/atomic-write.js";
import { safeFileName } from "../../vault/safe-name.js";
import type { Books, Invoice } from "./books.js";
import { INVOICES_FOLDER } from "./accounting-paths.js";
import { renderInvoicePdf, type CompanyProfile } from "./invoice-pdf.js";

export interface SavedInvoicePdf {
  /** Relative to the vault root, with forward slashes. */
  path: string;
  /** e.g. "Odoo's own invoice report" or "rendered locally (…why…)". */
  source: string;
  invoice: Invoice;
}

export async function saveInvoicePdf(
  deps: { books: Books; vaultRoot: string; company: CompanyProfile },
  invoiceId: string,
): Promise<SavedInvoicePdf> {
  const invoice = await deps.books.getInvoice(invoiceId);
  const native = await deps.books.nativeInvoicePdf(invoiceId);
  const content = "content" in native ? native.content : await renderInvoicePdf(invoice, deps.company);
  const source = "content" in native ? native.source : `rendered locally (${native.unavailable})`;
  // Odoo numbers contain slashes (INV/2026/00001); a draft has no number yet.
  const name = safeFileName(`${invoice.number ?? `DRAFT-${invoice.id}`}.pdf`, 100);
  const relative = `${INVOICES_FOLDER}/${name}`;
  await writeFileAtomic(path.join(deps.vaultRoot, relative), content);
  return { path: relative, source, invoice };
}
