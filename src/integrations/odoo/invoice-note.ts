/**
 * @module An invoice kept in the vault: `Accounting/Invoices/INV-<yyyy>-<nnnn>.md`. The front matter is
 * the record (state, partner, lines, what was paid); the body is a table for people, re-rendered when
 * the record changes unless a person rewrote it.
 */
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import type { Invoice, PaymentState } from "./books.js";
import { parseNote, renderNote } from "../../vault/note.js";
import { formatMoney } from "./format-money.js";
import { renderTableRow } from "../../vault/markdown-table.js";

const date = z.union([z.string(), z.date().transform((value) => value.toISOString().slice(0, 10))]);
const optionalDate = z
  .union([date, z.null()])
  .optional()
  .transform((value) => value ?? undefined);

export const invoiceNoteSchema = z.looseObject({
  type: z.literal("invoice"),
  id: z.string(),
  number: z.string(),
  state: z.enum(["draft", "posted", "paid", "cancel"]),
  partner: z.object({
    name: z.string(),
    email: z
      .string()
      .nullish()
      .transform((value) => value ?? undefined),
  }),
  currency: z.string(),
  lines: z.array(z.object({ description: z.string(), quantity: z.number(), unit_price: z.number() })),
  amount_paid: z.number().default(0),
  invoice_date: optionalDate,
  due_date: optionalDate,
  reference: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
  payments: z.array(z.string()).default([]),
  created: z.string(),
  posted: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
});

export type InvoiceNote = z.infer<typeof invoiceNoteSchema>;

/** Paid means nothing left to pay, to the cent. */
const CENT = 0.005;

export function parseInvoiceNote(text: string, where: string): { note: InvoiceNote; body: string } {
  const { data, body } = parseNote(text, where);
  const parsed = invoiceNoteSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataError(
      `${where}: the invoice's front matter is not readable (${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"})`,
    );
  }
  return { note: parsed.data, body };
}

export function noteTotal(note: InvoiceNote): number {
  return Math.round(note.lines.reduce((sum, line) => sum + line.quantity * line.unit_price, 0) * 100) / 100;
}

export function noteToInvoice(note: InvoiceNote): Invoice {
  const total = noteTotal(note);
  const residual = Math.max(0, Math.round((total - note.amount_paid) * 100) / 100);
  const paymentState: PaymentState =
    note.state === "paid" || (note.state === "posted" && residual < CENT)
      ? "paid"
      : note.amount_paid > CENT
        ? "partial"
        : "not_paid";
  return {
    id: note.id,
    number: note.number,
    state: note.state === "paid" ? "posted" : note.state,
    partner: {
      id: note.partner.email ?? note.partner.name,
      name: note.partner.name,
      ...(note.partner.email ? { email: note.partner.email } : {}),
    },
    paymentState,
    amountTotal: total,
    amountResidual: note.state === "draft" ? total : residual,
    currency: note.currency,
    invoiceDate: note.invoice_date,
    dueDate: note.due_date,
    lines: note.lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unit_price,
      subtotal: Math.round(line.quantity * line.unit_price * 100) / 100,
    })),
    amountUntaxed: total,
    amountTax: 0,
    reference: note.reference,
  };
}

const GENERATED_START =
  "<!-- invoice: generated from the front matter; edits between these two lines are replaced -->";
const GENERATED_END = "<!-- invoice: end of the generated part -->";

/** The part of the body generated from the record, between two markers Obsidian does not show. */
export function renderInvoiceTable(note: InvoiceNote): string {
  const invoice = noteToInvoice(note);
  const to = note.partner.email ? `${note.partner.name} <${note.partner.email}>` : note.partner.name;
  const rows = invoice.lines.map((line) =>
    renderTableRow([
      line.description,
      String(line.quantity),
      formatMoney(line.unitPrice),
      formatMoney(line.subtotal),
    ]),
  );
  return [
    GENERATED_START,
    `# Invoice ${note.number}`,
    "",
    `To: ${to}`,
    ...(note.reference ? [`Reference: ${note.reference}`] : []),
    "",
    renderTableRow(["Description", "Quantity", "Unit price", `Amount (${note.currency})`]),
    "| ----------- | -------- | ---------- | ------ |",
    ...rows,
    "",
    `**Total: ${formatMoney(invoice.amountTotal)} ${note.currency}**`,
    GENERATED_END,
  ].join("\n");
}

/**
 * The body for a changed record: the generated part replaced, everything a person wrote around it kept;
 * a body whose markers a person removed is theirs and stays as it is.
 */
export function nextInvoiceBody(note: InvoiceNote, body: string | undefined): string {
  if (body === undefined) {
    return `${renderInvoiceTable(note)}\n\nKept in the vault's books. The front matter is the record: while the invoice is a draft you may edit its lines there.\n`;
  }
  const start = body.indexOf(GENERATED_START);
  const end = body.indexOf(GENERATED_END);
  if (start < 0 || end < start) return body;
  return `${body.slice(0, start)}${renderInvoiceTable(note)}${body.slice(end + GENERATED_END.length)}`;
}

const KEY_ORDER = [
  "type",
  "id",
  "number",
  "state",
  "partner",
  "currency",
  "amount_total",
  "amount_paid",
  "invoice_date",
  "due_date",
  "reference",
  "lines",
  "payments",
  "created",
  "posted",
];

export function renderInvoiceNote(note: InvoiceNote, body?: string): string {
  const { partner, reference, invoice_date, due_date, posted } = note;
  const known: Record<string, unknown> = {
    ...note,
    partner: partner.email ? { name: partner.name, email: partner.email } : { name: partner.name },
    amount_total: noteTotal(note),
    invoice_date: invoice_date ?? null,
    due_date: due_date ?? null,
    reference: reference ?? null,
    posted: posted ?? null,
  };
  const data: Record<string, unknown> = {};
  for (const key of KEY_ORDER) data[key] = known[key];
  for (const [key, value] of Object.entries(known)) if (!(key in data)) data[key] = value;
  return renderNote({ data, body: nextInvoiceBody(note, body) });
}
