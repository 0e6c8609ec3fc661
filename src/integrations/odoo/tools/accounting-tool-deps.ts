/**
 * @module What the accounting tools need, and the few things they share: where the books are (said in
 * every result, so a person knows whether Odoo or the vault was changed) and the input shapes.
 */
import { z } from "zod";
import type { Books, Partner } from "../books.js";
import { formatMoney } from "../format-money.js";
import type { CompanyProfile } from "../invoice-pdf.js";

export interface AccountingToolDeps {
  /** Odoo's books when configured and not in dry-run mode; the vault's books otherwise. */
  books: Books;
  vaultRoot: string;
  /** The business as printed on its invoices. */
  company: CompanyProfile;
  now: () => Date;
  /** True when the runtime runs in dry-run mode: the vault's books stand in for Odoo. */
  dryRun?: boolean;
}

export const isoDateInput = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
export const currencyInput = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "an ISO 4217 code such as USD")
  .transform((code) => code.toUpperCase());
export const invoiceIdInput = z
  .string()
  .min(1)
  .describe("The invoice's id as create_invoice or list_invoices returned it");
export const partnerInput = z
  .string()
  .min(1)
  .describe(
    "The customer's name or email address exactly as the invoice shows it; the call is refused if it does not match",
  );

/** " in Odoo (https://…)" / " in the vault's books (…) (dry run: nothing was sent to Odoo)". */
export function whereKept(deps: AccountingToolDeps): string {
  return ` in ${deps.books.description}${deps.dryRun ? " (dry run: kept in the vault's books; nothing was sent to Odoo)" : ""}`;
}

export function dryRunFlag(deps: AccountingToolDeps): { dryRun?: true } {
  return deps.dryRun ? { dryRun: true } : {};
}

export function samePartner(partner: Partner, declared: string): boolean {
  const wanted = declared.trim().toLowerCase();
  return (
    partner.name.trim().toLowerCase() === wanted || (partner.email ?? "").trim().toLowerCase() === wanted
  );
}

export function money(value: number, currency: string): string {
  return `${formatMoney(value)} ${currency}`;
}

export const READ_ANNOTATIONS = { readOnlyHint: true, destructiveHint: false, idempotentHint: true } as const;
