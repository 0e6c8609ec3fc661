/**
 * @module A payment kept in the vault: `Accounting/Payments/PAY-<yyyy>-<nnnn>.md`, linked to its
 * invoice with a wikilink so Obsidian's backlinks show how an invoice was settled.
 */
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import type { PaymentRecord } from "./books.js";
import { formatMoney } from "./format-money.js";
import { parseNote, renderNote } from "../../vault/note.js";

export const paymentNoteSchema = z.looseObject({
  type: z.literal("payment"),
  id: z.string(),
  invoice: z.string(),
  partner: z.object({
    name: z.string(),
    email: z
      .string()
      .nullish()
      .transform((value) => value ?? undefined),
  }),
  amount: z.number(),
  currency: z.string(),
  date: z.union([z.string(), z.date().transform((value) => value.toISOString().slice(0, 10))]),
  journal: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
  created: z.string(),
});

export type PaymentNote = z.infer<typeof paymentNoteSchema>;

export function parsePaymentNote(text: string, where: string): PaymentNote {
  const parsed = paymentNoteSchema.safeParse(parseNote(text, where).data);
  if (!parsed.success) throw new DataError(`${where}: the payment's front matter is not readable`);
  return parsed.data;
}

export function paymentNoteToRecord(note: PaymentNote): PaymentRecord {
  return {
    id: note.id,
    reference: note.id,
    partner: {
      id: note.partner.email ?? note.partner.name,
      name: note.partner.name,
      ...(note.partner.email ? { email: note.partner.email } : {}),
    },
    amount: note.amount,
    currency: note.currency,
    date: note.date,
    journal: note.journal,
    invoiceIds: [note.invoice],
  };
}

const KEY_ORDER = ["type", "id", "invoice", "partner", "amount", "currency", "date", "journal", "created"];

export function renderPaymentNote(note: PaymentNote): string {
  const { partner, journal } = note;
  const known: Record<string, unknown> = {
    ...note,
    partner: partner.email ? { name: partner.name, email: partner.email } : { name: partner.name },
    journal: journal ?? null,
  };
  const data: Record<string, unknown> = {};
  for (const key of KEY_ORDER) data[key] = known[key];
  for (const [key, value] of Object.entries(known)) if (!(key in data)) data[key] = value;
  const body = [
    `# Payment ${note.id}`,
    "",
    `${formatMoney(note.amount)} ${note.currency} received from ${partner.name} on ${note.date}${journal ? ` (${journal})` : ""} for [[${note.invoice}]].`,
    "",
  ].join("\n");
  return renderNote({ data, body });
}
