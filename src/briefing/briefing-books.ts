/**
 * @module The few read operations of the books the briefing needs. The `Books` of the Odoo integration
 * (both its Odoo and vault adapters) satisfies this structurally, so the runtime passes its books as they
 * are; the briefing never imports an integration. Dates are `YYYY-MM-DD`, periods include both ends.
 */

export interface BriefingCurrencyRevenue {
  currency: string;
  /** Posted customer invoices dated in the period, minus credit notes, taxes included. */
  invoiced: number;
  /** The part of `invoiced` already paid. */
  collected: number;
  invoiceCount: number;
}

export interface BriefingInvoice {
  id: string;
  number: string | undefined;
  partner: { name: string; email?: string | undefined };
  state: string;
  paymentState: string;
  amountTotal: number;
  amountResidual: number;
  currency: string;
  invoiceDate: string | undefined;
  dueDate: string | undefined;
}

export interface BriefingVendorBill {
  id: string;
  number: string | undefined;
  vendor: string;
  amount: number;
  currency: string;
  date: string;
  /** What kind of tool the bill is for ("design", "video calls"), when the books know it. */
  category?: string | undefined;
}

export interface BriefingInvoiceFilter {
  state?: "posted";
  paymentState?: ("not_paid" | "partial")[];
}

export interface BriefingBooks {
  /** Where the books are, for a person: "Odoo (https://…, database acme)". */
  readonly description: string;
  revenue(from: string, to: string): Promise<{ currencies: readonly BriefingCurrencyRevenue[] }>;
  listInvoices(filter?: BriefingInvoiceFilter): Promise<readonly BriefingInvoice[]>;
  /** Supplier bills dated in the period, for the subscription audit. */
  vendorBills(from: string, to: string): Promise<readonly BriefingVendorBill[]>;
}
