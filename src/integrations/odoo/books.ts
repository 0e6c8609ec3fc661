/**
 * @module The accounting backend the employee keeps its books in: Odoo when it is configured, the vault
 * (`Accounting/`) otherwise or in dry-run mode. Both adapters speak Odoo's vocabulary for states
 * (`draft`/`posted`/`cancel`, `payment_state`), so the finance watcher and the briefing need not know
 * which one they read. Dates are `YYYY-MM-DD`; periods include both ends; amounts are in the invoice's
 * currency.
 */

export type BooksKind = "odoo" | "vault";

export interface Partner {
  id: string;
  name: string;
  email?: string;
}

export interface PartnerInput {
  /** An existing partner's id; when absent the partner is found by email or name, or created. */
  id?: string;
  name: string;
  email?: string;
}

export interface InvoiceLineInput {
  description: string;
  quantity: number;
  unitPrice: number;
  productId?: string;
}

export interface NewInvoice {
  partner: PartnerInput;
  lines: InvoiceLineInput[];
  /** ISO 4217 code, e.g. `USD`. */
  currency: string;
  dueDate?: string;
  /** The customer's reference (their PO number), printed on the invoice. */
  reference?: string;
}

export type InvoiceState = "draft" | "posted" | "cancel";

/** Odoo's `payment_state`; `in_payment` means paid but not yet matched with a bank statement line. */
export type PaymentState =
  "not_paid" | "partial" | "in_payment" | "paid" | "reversed" | "invoicing_legacy" | "blocked";

export interface InvoiceRef {
  id: string;
  /** Assigned when posted in Odoo (e.g. `INV/2026/00001`); at creation in the vault (`INV-2026-0001`). */
  number: string | undefined;
  state: InvoiceState;
}

export interface InvoiceSummary extends InvoiceRef {
  partner: Partner;
  paymentState: PaymentState;
  amountTotal: number;
  amountResidual: number;
  currency: string;
  invoiceDate: string | undefined;
  dueDate: string | undefined;
}

export interface InvoiceLine {
  description: string;
  quantity: number;
  unitPrice: number;
  subtotal: number;
}

export interface Invoice extends InvoiceSummary {
  lines: InvoiceLine[];
  amountUntaxed: number;
  amountTax: number;
  reference: string | undefined;
}

export interface InvoiceFilter {
  state?: InvoiceState;
  paymentState?: PaymentState | PaymentState[];
  /** Part of the partner's name or email. */
  partner?: string;
  /** Posted, not fully paid, and due before today. */
  overdue?: boolean;
  limit?: number;
}

export interface PaymentInput {
  invoiceId: string;
  amount: number;
  date: string;
  /** A bank or cash journal's name or code; the first bank journal when absent. */
  journal?: string;
}

export interface PaymentRecord {
  id: string;
  /** e.g. `PBNK1/2026/00001` in Odoo, `PAY-2026-0001` in the vault. */
  reference: string;
  partner: Partner;
  amount: number;
  currency: string;
  date: string;
  journal: string | undefined;
  /** Invoices this payment settled (ids). */
  invoiceIds: string[];
}

export interface RegisteredPayment {
  payment: PaymentRecord;
  invoice: InvoiceSummary;
}

export interface CurrencyRevenue {
  currency: string;
  /** Posted customer invoices dated in the period, minus credit notes, taxes included. */
  invoiced: number;
  untaxed: number;
  /** The part of `invoiced` already paid. */
  collected: number;
  outstanding: number;
  invoiceCount: number;
}

export interface PeriodRevenue {
  from: string;
  to: string;
  currencies: CurrencyRevenue[];
}

export interface VendorBill {
  id: string;
  number: string | undefined;
  vendor: string;
  amount: number;
  currency: string;
  date: string;
  reference: string | undefined;
}

export interface InvoicePdfSource {
  content: Uint8Array;
  /** Where the bytes came from, for a person, e.g. "Odoo's own invoice report". */
  source: string;
}

export interface Books {
  readonly kind: BooksKind;
  /** Where these books are, for a person: "Odoo (https://…, database acme)" or "the vault's books (Accounting/)". */
  readonly description: string;
  findPartner(query: string): Promise<Partner[]>;
  findOrCreatePartner(partner: PartnerInput): Promise<Partner>;
  createInvoice(invoice: NewInvoice): Promise<InvoiceRef>;
  getInvoice(id: string): Promise<Invoice>;
  postInvoice(id: string): Promise<InvoiceRef>;
  /** Never retried: when the outcome is unknown it fails with a LogicError asking a person to check. */
  registerPayment(payment: PaymentInput): Promise<RegisteredPayment>;
  listInvoices(filter?: InvoiceFilter): Promise<InvoiceSummary[]>;
  revenue(from: string, to: string): Promise<PeriodRevenue>;
  /** Supplier bills (Odoo `in_invoice`), for the subscription audit. */
  vendorBills(from: string, to: string): Promise<VendorBill[]>;
  /** Customer payments received on or after `since`. */
  recentPayments(since: string): Promise<PaymentRecord[]>;
  /** The backend's own rendering of the invoice, when it has one it can hand out; else undefined. */
  nativeInvoicePdf(id: string): Promise<InvoicePdfSource | { unavailable: string }>;
}
