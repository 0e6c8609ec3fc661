/**
 * @module Odoo's record shapes as `search_read` returns them, parsed once at the edge into the books'
 * types: a many2one is `[id, "display name"]` or `false`, an empty date or text is `false`.
 */
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import type {
  InvoiceLine,
  InvoiceState,
  InvoiceSummary,
  Partner,
  PaymentRecord,
  PaymentState,
  VendorBill,
} from "./books.js";
import type { OdooRecord } from "./odoo-client.js";

const many2one = z.union([z.tuple([z.number().int(), z.string()]), z.literal(false)]);
const text = z
  .union([z.string(), z.literal(false)])
  .transform((value) => (value === false || value === "" ? undefined : value));
const amount = z.number();

export const MOVE_FIELDS = [
  "name",
  "move_type",
  "partner_id",
  "state",
  "payment_state",
  "amount_total",
  "amount_residual",
  "currency_id",
  "invoice_date",
  "invoice_date_due",
] as const;

const moveSchema = z.object({
  id: z.number().int(),
  name: text,
  partner_id: many2one,
  state: z.enum(["draft", "posted", "cancel"]),
  payment_state: z.string(),
  amount_total: amount,
  amount_residual: amount,
  currency_id: many2one,
  invoice_date: text,
  invoice_date_due: text,
});

/** The draft name Odoo shows before a number is assigned. */
const DRAFT_NAME = "/";

export function parseMove(record: OdooRecord): InvoiceSummary {
  const move = parse(moveSchema, record, "account.move");
  return {
    id: String(move.id),
    number: move.name === undefined || move.name === DRAFT_NAME ? undefined : move.name,
    state: move.state satisfies InvoiceState,
    partner: partnerOf(move.partner_id),
    paymentState: move.payment_state as PaymentState,
    amountTotal: move.amount_total,
    amountResidual: move.amount_residual,
    currency: move.currency_id === false ? "" : move.currency_id[1],
    invoiceDate: move.invoice_date,
    dueDate: move.invoice_date_due,
  };
}

export const LINE_FIELDS = ["name", "quantity", "price_unit", "price_subtotal", "display_type"] as const;

const lineSchema = z.object({
  name: text,
  quantity: amount,
  price_unit: amount,
  price_subtotal: amount,
  display_type: text,
});

/** Product lines only: sections, notes, tax and receivable lines are not what the customer buys. */
export function parseLines(records: OdooRecord[]): InvoiceLine[] {
  return records
    .map((record) => parse(lineSchema, record, "account.move.line"))
    .filter((line) => line.display_type === undefined || line.display_type === "product")
    .map((line) => ({
      description: line.name ?? "",
      quantity: line.quantity,
      unitPrice: line.price_unit,
      subtotal: line.price_subtotal,
    }));
}

export const PARTNER_FIELDS = ["name", "email"] as const;

const partnerSchema = z.object({ id: z.number().int(), name: text, email: text });

export function parsePartner(record: OdooRecord): Partner {
  const partner = parse(partnerSchema, record, "res.partner");
  return {
    id: String(partner.id),
    name: partner.name ?? "",
    ...(partner.email ? { email: partner.email } : {}),
  };
}

export const PAYMENT_FIELDS = [
  "name",
  "partner_id",
  "amount",
  "currency_id",
  "date",
  "journal_id",
  "reconciled_invoice_ids",
] as const;

const paymentSchema = z.object({
  id: z.number().int(),
  name: text,
  partner_id: many2one,
  amount: amount,
  currency_id: many2one,
  date: z.string(),
  journal_id: many2one,
  reconciled_invoice_ids: z.array(z.number().int()).optional(),
});

export function parsePayment(record: OdooRecord): PaymentRecord {
  const payment = parse(paymentSchema, record, "account.payment");
  return {
    id: String(payment.id),
    reference: payment.name ?? String(payment.id),
    partner: partnerOf(payment.partner_id),
    amount: payment.amount,
    currency: payment.currency_id === false ? "" : payment.currency_id[1],
    date: payment.date,
    journal: payment.journal_id === false ? undefined : payment.journal_id[1],
    invoiceIds: (payment.reconciled_invoice_ids ?? []).map(String),
  };
}

export const BILL_FIELDS = [
  "name",
  "partner_id",
  "amount_total",
  "currency_id",
  "invoice_date",
  "ref",
] as const;

const billSchema = z.object({
  id: z.number().int(),
  name: text,
  partner_id: many2one,
  amount_total: amount,
  currency_id: many2one,
  invoice_date: z.string(),
  ref: text,
});

export function parseBill(record: OdooRecord): VendorBill {
  const bill = parse(billSchema, record, "account.move");
  return {
    id: String(bill.id),
    number: bill.name === DRAFT_NAME ? undefined : bill.name,
    vendor: bill.partner_id === false ? "" : bill.partner_id[1],
    amount: bill.amount_total,
    currency: bill.currency_id === false ? "" : bill.currency_id[1],
    date: bill.invoice_date,
    reference: bill.ref,
  };
}

function partnerOf(value: z.infer<typeof many2one>): Partner {
  return value === false ? { id: "", name: "" } : { id: String(value[0]), name: value[1] };
}

function parse<T>(schema: z.ZodType<T>, record: OdooRecord, model: string): T {
  const parsed = schema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataError(
      `Odoo sent an ${model} record this version of the employee cannot read (${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"})`,
    );
  }
  return parsed.data;
}
