import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataError } from "../../governance/errors/data-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { parseNote } from "../../vault/note.js";
import type { Books } from "./books.js";
import { readTransactions } from "./transactions-ledger.js";
import { createVaultBooks } from "./vault-books.js";

let vault: string;
let now: Date;
let books: Books;

beforeEach(async () => {
  vault = await mkdtemp(path.join(tmpdir(), "vault-books-"));
  now = new Date(2026, 2, 10, 9, 30);
  books = createVaultBooks(vault, () => now);
});
afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

const read = (relative: string) => readFile(path.join(vault, relative), "utf8");
const frontMatter = (text: string) => parseNote(text, "test note").data;

async function draft(partner = "Acme Ltd", amount = 1500, dueDate?: string) {
  return books.createInvoice({
    partner: { name: partner, email: `${partner.split(" ")[0]?.toLowerCase() ?? "x"}@client.example` },
    lines: [{ description: "Consulting | strategy", quantity: 10, unitPrice: amount / 10 }],
    currency: "usd",
    ...(dueDate ? { dueDate } : {}),
  });
}

describe("the vault's books", () => {
  it("numbers drafts per year and writes them with YAML front matter and a lines table", async () => {
    const first = await draft();
    const second = await draft("Bolt Inc", 200);
    expect(first).toEqual({ id: "INV-2026-0001", number: "INV-2026-0001", state: "draft" });
    expect(second.id).toBe("INV-2026-0002");
    const text = await read("Accounting/Invoices/INV-2026-0001.md");
    expect(frontMatter(text)).toMatchObject({
      type: "invoice",
      state: "draft",
      currency: "USD",
      partner: { name: "Acme Ltd", email: "acme@client.example" },
      lines: [{ description: "Consulting | strategy", quantity: 10, unit_price: 150 }],
      amount_total: 1500,
    });
    expect(text).toContain("| Consulting \\| strategy | 10 | 150.00 | 1,500.00 |");
  });

  it("posts, then pays in two parts, appending one Transactions.md row each", async () => {
    const { id } = await draft();
    expect(await books.postInvoice(id)).toEqual({ id, number: id, state: "posted" });
    await expect(books.postInvoice(id)).rejects.toBeInstanceOf(LogicError);

    const partial = await books.registerPayment({ invoiceId: id, amount: 500, date: "2026-03-11" });
    expect(partial.payment).toMatchObject({
      id: "PAY-2026-0001",
      amount: 500,
      currency: "USD",
      journal: "Bank",
      invoiceIds: [id],
    });
    expect(partial.invoice).toMatchObject({ paymentState: "partial", amountResidual: 1000, state: "posted" });
    const full = await books.registerPayment({
      invoiceId: id,
      amount: 1000,
      date: "2026-03-12",
      journal: "Cash",
    });
    expect(full.invoice).toMatchObject({ paymentState: "paid", amountResidual: 0 });
    expect(frontMatter(await read(`Accounting/Invoices/${id}.md`))).toMatchObject({
      state: "paid",
      amount_paid: 1500,
      payments: ["PAY-2026-0001", "PAY-2026-0002"],
    });
    expect(await read("Accounting/Payments/PAY-2026-0002.md")).toContain(`for [[${id}]]`);

    expect(await readTransactions(vault)).toEqual([
      {
        date: "2026-03-10",
        description: `Invoice ${id} to Acme Ltd (posted, receivable)`,
        amount: 1500,
        currency: "USD",
        reference: id,
      },
      {
        date: "2026-03-11",
        description: `Payment from Acme Ltd for ${id}`,
        amount: 500,
        currency: "USD",
        reference: "PAY-2026-0001",
      },
      {
        date: "2026-03-12",
        description: `Payment from Acme Ltd for ${id}`,
        amount: 1000,
        currency: "USD",
        reference: "PAY-2026-0002",
      },
    ]);
    await expect(books.registerPayment({ invoiceId: id, amount: 1, date: "2026-03-12" })).rejects.toThrow(
      /nothing left to pay/,
    );
  });

  it("follows Odoo's rules: no payment on a draft, none above what is due", async () => {
    const { id } = await draft();
    await expect(books.registerPayment({ invoiceId: id, amount: 10, date: "2026-03-11" })).rejects.toThrow(
      /posted/,
    );
    await books.postInvoice(id);
    await expect(
      books.registerPayment({ invoiceId: id, amount: 1500.01, date: "2026-03-11" }),
    ).rejects.toThrow(/more than/);
    await expect(books.getInvoice("INV/2026/00001")).rejects.toBeInstanceOf(DataError);
    await expect(books.getInvoice("INV-2026-0042")).rejects.toBeInstanceOf(DataError);
  });

  it("keeps a person's edits: the body they rewrote, and their own front matter keys", async () => {
    const { id } = await draft();
    const file = path.join(vault, "Accounting/Invoices", `${id}.md`);
    const original = await readFile(file, "utf8");
    await writeFile(
      file,
      original
        .replace("type: invoice", "type: invoice\ntags: [retainer]")
        .replace(/<!-- invoice:[\s\S]*$/, "My own notes about this invoice.\n"),
    );
    await books.postInvoice(id);
    const after = await readFile(file, "utf8");
    expect(after).toContain("My own notes about this invoice.");
    expect(frontMatter(after)).toMatchObject({ state: "posted", tags: ["retainer"] });
  });

  it("re-renders the generated part when the record changes, keeping what the person added around it", async () => {
    const { id } = await draft();
    const file = path.join(vault, "Accounting/Invoices", `${id}.md`);
    const edited =
      (await readFile(file, "utf8")).replace("quantity: 10", "quantity: 12") + "\nCalled Ana on the 9th.\n";
    await writeFile(file, edited);
    await books.postInvoice(id);
    const after = await readFile(file, "utf8");
    expect(after).toContain("**Total: 1,800.00 USD**");
    expect(after).not.toContain("1,500.00");
    expect(after).toContain("Called Ana on the 9th.");
  });

  it("lists, filters overdue, sums revenue and finds partners", async () => {
    const late = (await draft("Acme Ltd", 100, "2026-03-01")).id;
    const current = (await draft("Bolt Inc", 200, "2026-04-01")).id;
    const unposted = (await draft("Crux", 300)).id;
    await books.postInvoice(late);
    await books.postInvoice(current);
    await books.registerPayment({ invoiceId: current, amount: 50, date: "2026-03-10" });

    expect((await books.listInvoices({ overdue: true })).map((invoice) => invoice.id)).toEqual([late]);
    expect((await books.listInvoices({ state: "draft" })).map((invoice) => invoice.id)).toEqual([unposted]);
    expect((await books.listInvoices({ paymentState: ["partial"] })).map((invoice) => invoice.id)).toEqual([
      current,
    ]);
    expect((await books.listInvoices({ partner: "bolt" }))[0]).toMatchObject({
      id: current,
      amountTotal: 200,
      amountResidual: 150,
      currency: "USD",
    });
    expect(await books.revenue("2026-03-01", "2026-03-31")).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
      currencies: [
        { currency: "USD", invoiced: 300, untaxed: 300, collected: 50, outstanding: 250, invoiceCount: 2 },
      ],
    });
    expect((await books.revenue("2026-04-01", "2026-04-30")).currencies).toEqual([]);
    expect(await books.findPartner("acme")).toEqual([
      { id: "acme@client.example", name: "Acme Ltd", email: "acme@client.example" },
    ]);
    expect((await books.recentPayments("2026-03-01")).map((payment) => payment.amount)).toEqual([50]);
  });

  it("reads supplier payments from the bank lines in Transactions.md as vendor bills", async () => {
    const { id } = await draft();
    await books.postInvoice(id);
    const ledger = path.join(vault, "Accounting/Transactions.md");
    await writeFile(
      ledger,
      (await readFile(ledger, "utf8")) + "| 2026-03-04 | Figma Professional | -45.00 | USD | BANK-88 |\n",
    );
    expect(await books.vendorBills("2026-03-01", "2026-03-31")).toEqual([
      {
        id: "BANK-88",
        number: "BANK-88",
        vendor: "Figma Professional",
        amount: 45,
        currency: "USD",
        date: "2026-03-04",
        reference: "BANK-88",
      },
    ]);
  });

  it("leaves a note a person broke out of the figures instead of failing", async () => {
    await draft();
    await writeFile(path.join(vault, "Accounting/Invoices/INV-2026-0009.md"), "not a note\n");
    expect(await books.listInvoices()).toHaveLength(1);
    // The broken note still reserves its number.
    expect((await draft()).id).toBe("INV-2026-0010");
    expect((await readdir(path.join(vault, "Accounting/Invoices"))).sort()).toEqual([
      "INV-2026-0001.md",
      "INV-2026-0009.md",
      "INV-2026-0010.md",
    ]);
  });
});
