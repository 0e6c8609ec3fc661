/**
 * @module The books kept in the vault when there is no Odoo (and in dry-run mode): invoices in
 * `Accounting/Invoices/`, payments in `Accounting/Payments/`, and one row per posted invoice and per
 * payment in `Accounting/Transactions.md`. A real local ledger a person can read and edit in Obsidian,
 * following Odoo's rules where it matters (drafts are numbered but only posted invoices can be paid,
 * nothing is paid twice).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../../vault/atomic-write.js";
import { DataError } from "../../governance/errors/data-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import type { Books, Invoice, InvoiceFilter, Partner, PaymentRecord, VendorBill } from "./books.js";
import { INVOICES_FOLDER, PAYMENTS_FOLDER } from "./accounting-paths.js";
import { readBookNotes } from "./read-book-notes.js";
import { isIsoDate, isoDate } from "./iso-date.js";
import { noteToInvoice, parseInvoiceNote, renderInvoiceNote, type InvoiceNote } from "./invoice-note.js";
import { createNumberedNote } from "./numbered-note.js";
import { parsePaymentNote, paymentNoteToRecord, renderPaymentNote } from "./payment-note.js";
import { summarizeRevenue } from "./summarize-revenue.js";
import { appendTransactions, readTransactions } from "./transactions-ledger.js";

const INVOICE_ID = /^INV-\d{4}-\d{4,}$/;
/** Nothing left to pay, to the cent. */
const CENT = 0.005;
const MAX_LISTED = 500;

export function createVaultBooks(vaultRoot: string, now: () => Date): Books {
  const invoicesFolder = path.join(vaultRoot, INVOICES_FOLDER);
  const paymentsFolder = path.join(vaultRoot, PAYMENTS_FOLDER);

  /** Every readable invoice; a note a person broke is left out of figures rather than stopping them. */
  async function allInvoices(): Promise<InvoiceNote[]> {
    const readable: InvoiceNote[] = [];
    for (const { name, text } of await readBookNotes(invoicesFolder, "INV")) {
      try {
        readable.push(parseInvoiceNote(text, `${INVOICES_FOLDER}/${name}`).note);
      } catch {
        continue;
      }
    }
    return readable;
  }

  async function load(id: string): Promise<{ note: InvoiceNote; body: string; file: string }> {
    if (!INVOICE_ID.test(id))
      throw new DataError(`"${id}" is not an invoice of the vault's books (they look like INV-2026-0001)`);
    const file = path.join(invoicesFolder, `${id}.md`);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        throw new DataError(`There is no invoice ${id} in ${INVOICES_FOLDER}/`);
      throw error;
    }
    return { ...parseInvoiceNote(text, `${INVOICES_FOLDER}/${id}.md`), file };
  }

  /** Rewrites the record; the generated part of the body follows it, the rest is the person's. */
  async function save(
    previous: { note: InvoiceNote; body: string; file: string },
    next: InvoiceNote,
  ): Promise<void> {
    await writeFileAtomic(previous.file, renderInvoiceNote(next, previous.body));
  }

  function partnerOf(note: InvoiceNote): Partner {
    return noteToInvoice(note).partner;
  }

  return {
    kind: "vault",
    description: `the vault's books (${INVOICES_FOLDER}/, ${PAYMENTS_FOLDER}/ and Accounting/Transactions.md)`,

    async findPartner(query) {
      const text = query.trim().toLowerCase();
      if (text === "") return [];
      const found = new Map<string, Partner>();
      for (const note of await allInvoices()) {
        const partner = partnerOf(note);
        if (partner.name.toLowerCase().includes(text) || (partner.email ?? "").toLowerCase().includes(text))
          found.set(partner.id.toLowerCase(), partner);
      }
      return [...found.values()];
    },

    async findOrCreatePartner(input) {
      const email = input.email?.trim();
      return {
        id: input.id ?? email ?? input.name.trim(),
        name: input.name.trim(),
        ...(email ? { email } : {}),
      };
    },

    async createInvoice(invoice) {
      if (invoice.lines.length === 0) throw new LogicError("An invoice needs at least one line");
      const today = now();
      const email = invoice.partner.email?.trim();
      const draft = (number: string): InvoiceNote => ({
        type: "invoice",
        id: number,
        number,
        state: "draft",
        partner: { name: invoice.partner.name.trim(), email },
        currency: invoice.currency.toUpperCase(),
        lines: invoice.lines.map((line) => ({
          description: line.description,
          quantity: line.quantity,
          unit_price: line.unitPrice,
        })),
        amount_paid: 0,
        invoice_date: undefined,
        due_date: invoice.dueDate,
        reference: invoice.reference,
        payments: [],
        created: today.toISOString(),
        posted: undefined,
      });
      const number = await createNumberedNote(invoicesFolder, "INV", today.getFullYear(), (next) =>
        renderInvoiceNote(draft(next)),
      );
      return { id: number, number, state: "draft" };
    },

    async getInvoice(id): Promise<Invoice> {
      return noteToInvoice((await load(id)).note);
    },

    async postInvoice(id) {
      const loaded = await load(id);
      if (loaded.note.state !== "draft")
        throw new LogicError(`Invoice ${id} is already ${loaded.note.state}; only a draft can be posted`);
      if (loaded.note.lines.length === 0)
        throw new LogicError(`Invoice ${id} has no lines; add one before posting`);
      const today = isoDate(now());
      const posted: InvoiceNote = {
        ...loaded.note,
        state: "posted",
        invoice_date: loaded.note.invoice_date ?? today,
        due_date: loaded.note.due_date ?? loaded.note.invoice_date ?? today,
        posted: now().toISOString(),
      };
      await save(loaded, posted);
      const invoice = noteToInvoice(posted);
      await appendTransactions(vaultRoot, [
        {
          date: invoice.invoiceDate ?? today,
          description: `Invoice ${invoice.number} to ${invoice.partner.name} (posted, receivable)`,
          amount: invoice.amountTotal,
          currency: invoice.currency,
          reference: invoice.number ?? id,
        },
      ]);
      return { id, number: posted.number, state: "posted" };
    },

    async registerPayment(input) {
      if (!isIsoDate(input.date)) throw new LogicError(`"${input.date}" is not a date (YYYY-MM-DD)`);
      if (!(input.amount > 0)) throw new LogicError("The payment amount must be more than zero");
      const loaded = await load(input.invoiceId);
      const invoice = noteToInvoice(loaded.note);
      if (loaded.note.state === "draft")
        throw new LogicError(
          `Invoice ${input.invoiceId} is a draft; you can only register payment for posted invoices`,
        );
      if (loaded.note.state === "cancel" || invoice.amountResidual < CENT) {
        throw new LogicError(`Invoice ${input.invoiceId} has nothing left to pay`);
      }
      if (input.amount > invoice.amountResidual + CENT) {
        throw new LogicError(
          `${input.amount} is more than the ${invoice.amountResidual} ${invoice.currency} left to pay on ${input.invoiceId}`,
        );
      }
      const created = now().toISOString();
      const journal = input.journal ?? "Bank";
      const paymentId = await createNumberedNote(
        paymentsFolder,
        "PAY",
        Number(input.date.slice(0, 4)),
        (id) =>
          renderPaymentNote({
            type: "payment",
            id,
            invoice: input.invoiceId,
            partner: { name: loaded.note.partner.name, email: loaded.note.partner.email },
            amount: input.amount,
            currency: invoice.currency,
            date: input.date,
            journal,
            created,
          }),
      );
      const amountPaid = Math.round((loaded.note.amount_paid + input.amount) * 100) / 100;
      const paid = invoice.amountTotal - amountPaid < CENT;
      const next: InvoiceNote = {
        ...loaded.note,
        amount_paid: amountPaid,
        state: paid ? "paid" : "posted",
        payments: [...loaded.note.payments, paymentId],
      };
      await save(loaded, next);
      await appendTransactions(vaultRoot, [
        {
          date: input.date,
          description: `Payment from ${invoice.partner.name} for ${invoice.number ?? input.invoiceId}`,
          amount: input.amount,
          currency: invoice.currency,
          reference: paymentId,
        },
      ]);
      const payment: PaymentRecord = {
        id: paymentId,
        reference: paymentId,
        partner: invoice.partner,
        amount: input.amount,
        currency: invoice.currency,
        date: input.date,
        journal,
        invoiceIds: [input.invoiceId],
      };
      return { payment, invoice: noteToInvoice(next) };
    },

    async listInvoices(filter: InvoiceFilter = {}) {
      const today = isoDate(now());
      const states = filter.paymentState === undefined ? undefined : [filter.paymentState].flat();
      const partner = filter.partner?.toLowerCase();
      return (await allInvoices())
        .map(noteToInvoice)
        .filter((invoice) => filter.state === undefined || invoice.state === filter.state)
        .filter((invoice) => states === undefined || states.includes(invoice.paymentState))
        .filter(
          (invoice) =>
            partner === undefined ||
            invoice.partner.name.toLowerCase().includes(partner) ||
            (invoice.partner.email ?? "").toLowerCase().includes(partner),
        )
        .filter(
          (invoice) =>
            !filter.overdue ||
            (invoice.state === "posted" &&
              ["not_paid", "partial"].includes(invoice.paymentState) &&
              (invoice.dueDate ?? today) < today),
        )
        .sort((a, b) => (b.dueDate ?? "").localeCompare(a.dueDate ?? "") || b.id.localeCompare(a.id))
        .slice(0, Math.min(filter.limit ?? MAX_LISTED, MAX_LISTED))
        .map(
          ({ lines: _lines, amountUntaxed: _untaxed, amountTax: _tax, reference: _reference, ...summary }) =>
            summary,
        );
    },

    async revenue(from, to) {
      const rows = (await allInvoices())
        .map(noteToInvoice)
        .filter(
          (invoice) =>
            invoice.state === "posted" &&
            invoice.invoiceDate !== undefined &&
            invoice.invoiceDate >= from &&
            invoice.invoiceDate <= to,
        )
        .map((invoice) => ({ ...invoice, untaxed: invoice.amountUntaxed, refund: false }));
      return { from, to, currencies: summarizeRevenue(rows) };
    },

    async vendorBills(from, to): Promise<VendorBill[]> {
      // Without Odoo, money going out is what the bank lines in Transactions.md say was paid.
      return (await readTransactions(vaultRoot))
        .filter((row) => row.amount < 0 && row.date >= from && row.date <= to)
        .map((row, index) => ({
          id: row.reference || `${row.date}#${index + 1}`,
          number: row.reference || undefined,
          vendor: row.description,
          amount: -row.amount,
          currency: row.currency,
          date: row.date,
          reference: row.reference || undefined,
        }));
    },

    async recentPayments(since) {
      const payments: PaymentRecord[] = [];
      for (const { name, text } of await readBookNotes(paymentsFolder, "PAY")) {
        try {
          const record = paymentNoteToRecord(parsePaymentNote(text, `${PAYMENTS_FOLDER}/${name}`));
          if (record.date >= since) payments.push(record);
        } catch {
          continue;
        }
      }
      return payments.sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
    },

    async nativeInvoicePdf() {
      return { unavailable: "the vault's books have no invoice layout of their own" };
    },
  };
}
