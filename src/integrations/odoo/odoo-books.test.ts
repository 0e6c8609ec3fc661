import { afterEach, describe, expect, it } from "vitest";
import {
  createFakeOdoo,
  FAKE_ADMIN,
  type FakeOdoo,
  type FakeOdooOptions,
} from "../../../test/fakes/odoo/fake-odoo.js";
import { AuthError } from "../../governance/errors/auth-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import type { Books } from "./books.js";
import { createOdooBooks } from "./odoo-books.js";
import { createOdooClient, type OdooClient } from "./odoo-client.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const NOW = new Date(2026, 2, 10, 12, 0, 0);

interface Setup {
  fake: FakeOdoo;
  client: OdooClient;
  books: Books;
  /** Moves the server's date, which Odoo uses as the invoice date when posting. */
  setToday: (day: string) => void;
}

async function setup(
  version: string,
  options: FakeOdooOptions = {},
  apiKey = FAKE_ADMIN.apiKey ?? "",
): Promise<Setup> {
  let today = "2026-03-01";
  const fake = createFakeOdoo({ version, today: () => today, ...options });
  const { url, close } = await fake.start();
  closers.push(close);
  const client = createOdooClient({
    config: { url, database: "acme", user: FAKE_ADMIN.login, apiKey },
    now: () => NOW,
  });
  return { fake, client, books: createOdooBooks(client, () => NOW), setToday: (day) => (today = day) };
}

describe.each(["17.0", "19.0"])("the books in Odoo %s", (version) => {
  it("finds or creates a partner once", async () => {
    const { fake, books } = await setup(version);
    const created = await books.findOrCreatePartner({ name: "Acme Ltd", email: "ana@acme.example" });
    const again = await books.findOrCreatePartner({ name: "ACME ltd.", email: "ANA@acme.example" });
    expect(again.id).toBe(created.id);
    expect(fake.records("res.partner")).toHaveLength(1);
    expect(await books.findPartner("acme")).toEqual([
      { id: created.id, name: "Acme Ltd", email: "ana@acme.example" },
    ]);
    expect(await books.findPartner("nobody")).toEqual([]);
  });

  it("creates a draft, posts it, and registers partial then full payment", async () => {
    const { fake, books } = await setup(version);
    const draft = await books.createInvoice({
      partner: { name: "Acme Ltd", email: "ana@acme.example" },
      lines: [
        { description: "Consulting, March", quantity: 10, unitPrice: 150 },
        { description: "Hosting", quantity: 1, unitPrice: 49.5 },
      ],
      currency: "EUR",
      dueDate: "2026-03-31",
      reference: "PO-77",
    });
    expect(draft).toEqual({ id: expect.any(String), number: undefined, state: "draft" });
    const move = fake.records("account.move")[0];
    expect(move).toMatchObject({
      move_type: "out_invoice",
      state: "draft",
      invoice_date_due: "2026-03-31",
      ref: "PO-77",
    });
    expect(
      fake.calls.find((call) => call.model === "account.move" && call.method === "create"),
    ).toMatchObject(
      version === "17.0"
        ? {
            args: [
              [
                expect.objectContaining({
                  invoice_line_ids: [
                    [0, 0, { name: "Consulting, March", quantity: 10, price_unit: 150 }],
                    expect.any(Array),
                  ],
                }),
              ],
            ],
          }
        : { kwargs: { vals_list: [expect.objectContaining({ move_type: "out_invoice" })] } },
    );

    const invoice = await books.getInvoice(draft.id);
    expect(invoice).toMatchObject({
      amountTotal: 1549.5,
      amountResidual: 1549.5,
      currency: "EUR",
      paymentState: "not_paid",
      reference: "PO-77",
    });
    expect(invoice.partner).toMatchObject({ name: "Acme Ltd", email: "ana@acme.example" });
    expect(invoice.lines).toEqual([
      { description: "Consulting, March", quantity: 10, unitPrice: 150, subtotal: 1500 },
      { description: "Hosting", quantity: 1, unitPrice: 49.5, subtotal: 49.5 },
    ]);

    const posted = await books.postInvoice(draft.id);
    expect(posted).toEqual({ id: draft.id, number: "INV/2026/00001", state: "posted" });

    const partial = await books.registerPayment({ invoiceId: draft.id, amount: 549.5, date: "2026-03-05" });
    expect(partial.invoice).toMatchObject({ paymentState: "partial", amountResidual: 1000 });
    expect(partial.payment).toMatchObject({
      amount: 549.5,
      currency: "EUR",
      date: "2026-03-05",
      journal: "Bank",
      invoiceIds: [draft.id],
    });
    expect(partial.payment.reference).toBe("PBNK1/2026/00001");
    const wizard = fake.calls.find(
      (call) => call.model === "account.payment.register" && call.method === "create",
    );
    expect(wizard?.context).toEqual({ active_model: "account.move", active_ids: [Number(draft.id)] });

    const rest = await books.registerPayment({
      invoiceId: draft.id,
      amount: 1000,
      date: "2026-03-08",
      journal: "Cash",
    });
    expect(rest.invoice).toMatchObject({ paymentState: "paid", amountResidual: 0, state: "posted" });
    expect(rest.payment.journal).toBe("Cash");

    const payments = await books.recentPayments("2026-03-06");
    expect(payments.map((payment) => payment.amount)).toEqual([1000]);
  });

  it("refuses to pay a draft with Odoo's own message", async () => {
    const { books } = await setup(version);
    const draft = await books.createInvoice({
      partner: { name: "Acme" },
      lines: [{ description: "Work", quantity: 1, unitPrice: 10 }],
      currency: "USD",
    });
    const error = await books
      .registerPayment({ invoiceId: draft.id, amount: 10, date: "2026-03-05" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogicError);
    expect((error as Error).message).toContain("You can only register payment for posted journal entries.");
  });

  it("a negative payment fails on Odoo's constraint and leaves the invoice as it was", async () => {
    const { books } = await setup(version);
    const draft = await books.createInvoice({
      partner: { name: "Acme" },
      lines: [{ description: "Work", quantity: 1, unitPrice: 10 }],
      currency: "USD",
    });
    await books.postInvoice(draft.id);
    const error = await books
      .registerPayment({ invoiceId: draft.id, amount: -5, date: "2026-03-05" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogicError);
    expect((error as Error).message).toContain("The payment amount cannot be negative.");
    expect(await books.getInvoice(draft.id)).toMatchObject({ paymentState: "not_paid", amountResidual: 10 });
  });

  it("an inactive currency is a LogicError saying how to activate it", async () => {
    const { books } = await setup(version);
    const error = await books
      .createInvoice({
        partner: { name: "Acme" },
        lines: [{ description: "Work", quantity: 1, unitPrice: 10 }],
        currency: "JPY",
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogicError);
    expect((error as Error).message).toMatch(/JPY is not active/);
  });

  it("lists by state, payment state, partner and overdue", async () => {
    const { fake, books } = await setup(version);
    const make = async (name: string, amount: number, due: string) =>
      (
        await books.createInvoice({
          partner: { name },
          lines: [{ description: "Work", quantity: 1, unitPrice: amount }],
          currency: "USD",
          dueDate: due,
        })
      ).id;
    const late = await make("Acme", 100, "2026-03-05");
    const onTime = await make("Bolt", 200, "2026-04-30");
    const paid = await make("Acme", 300, "2026-03-01");
    const draft = await make("Crux", 400, "2026-03-01");
    for (const id of [late, onTime, paid]) await books.postInvoice(id);
    await books.registerPayment({ invoiceId: paid, amount: 300, date: "2026-03-02" });

    expect((await books.listInvoices({ overdue: true })).map((invoice) => invoice.id)).toEqual([late]);
    expect((await books.listInvoices({ state: "draft" })).map((invoice) => invoice.id)).toEqual([draft]);
    expect((await books.listInvoices({ paymentState: "paid" })).map((invoice) => invoice.id)).toEqual([paid]);
    expect((await books.listInvoices({ partner: "acm" })).map((invoice) => invoice.id).sort()).toEqual(
      [late, paid].sort(),
    );
    const [summary] = await books.listInvoices({ overdue: true });
    expect(summary).toMatchObject({
      number: "INV/2026/00001",
      partner: { name: "Acme" },
      amountTotal: 100,
      amountResidual: 100,
      currency: "USD",
      dueDate: "2026-03-05",
    });
    expect(fake.calls.some((call) => call.method === "search_read" && call.model === "account.move")).toBe(
      true,
    );
  });

  it("sums revenue per currency for posted invoices dated in the period, and lists vendor bills", async () => {
    const { client, books, setToday } = await setup(version);
    const invoice = async (amount: number, currency: string) =>
      (
        await books.createInvoice({
          partner: { name: "Acme" },
          lines: [{ description: "Work", quantity: 2, unitPrice: amount / 2 }],
          currency,
        })
      ).id;
    setToday("2026-02-27");
    await books.postInvoice(await invoice(999, "USD"));
    setToday("2026-03-03");
    const first = await invoice(1000, "USD");
    await books.postInvoice(first);
    await books.postInvoice(await invoice(500, "EUR"));
    await invoice(700, "USD");
    await books.registerPayment({ invoiceId: first, amount: 400, date: "2026-03-04" });

    const revenue = await books.revenue("2026-03-01", "2026-03-31");
    expect(revenue.currencies).toEqual([
      { currency: "EUR", invoiced: 500, untaxed: 500, collected: 0, outstanding: 500, invoiceCount: 1 },
      { currency: "USD", invoiced: 1000, untaxed: 1000, collected: 400, outstanding: 600, invoiceCount: 1 },
    ]);

    // A supplier bill, entered as a person does in Odoo.
    const vendor = await books.findOrCreatePartner({ name: "Figma" });
    const bill = await client.create("account.move", {
      move_type: "in_invoice",
      partner_id: Number(vendor.id),
      ref: "FIG-2026-03",
      invoice_date: "2026-03-02",
      invoice_line_ids: [[0, 0, { name: "Figma Professional", quantity: 1, price_unit: 45 }]],
    });
    await client.execute("account.move", "action_post", { ids: [bill] });
    expect(await books.vendorBills("2026-03-01", "2026-03-31")).toEqual([
      {
        id: String(bill),
        number: "BILL/2026/00001",
        vendor: "Figma",
        amount: 45,
        currency: "USD",
        date: "2026-03-02",
        reference: "FIG-2026-03",
      },
    ]);
    expect(await books.vendorBills("2026-04-01", "2026-04-30")).toEqual([]);
  });

  it("a user without billing rights cannot create invoices", async () => {
    const { books } = await setup(version, { users: [{ ...FAKE_ADMIN, readOnlyAccounting: true }] });
    const error = await books
      .createInvoice({
        partner: { name: "Acme" },
        lines: [{ description: "Work", quantity: 1, unitPrice: 10 }],
        currency: "USD",
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain("account.move");
  });
});

describe("Odoo's own invoice report", () => {
  it("is downloaded through a web session when ODOO_API_KEY is the password", async () => {
    const { fake, books } = await setup("17.0", {}, FAKE_ADMIN.password);
    const draft = await books.createInvoice({
      partner: { name: "Acme" },
      lines: [{ description: "Work", quantity: 1, unitPrice: 10 }],
      currency: "USD",
    });
    await books.postInvoice(draft.id);
    const pdf = await books.nativeInvoicePdf(draft.id);
    expect("content" in pdf && Buffer.from(pdf.content).toString("latin1")).toContain("INV/2026/00001");
    expect(fake.calls.map((call) => call.path)).toContain("/web/session/destroy");
  });

  it("is unavailable with an API key, and says why (once)", async () => {
    const { fake, books } = await setup("17.0");
    const draft = await books.createInvoice({
      partner: { name: "Acme" },
      lines: [{ description: "Work", quantity: 1, unitPrice: 10 }],
      currency: "USD",
    });
    const first = await books.nativeInvoicePdf(draft.id);
    const second = await books.nativeInvoicePdf(draft.id);
    expect(first).toEqual({ unavailable: expect.stringMatching(/not with an API key/) });
    expect(second).toEqual(first);
    expect(fake.calls.filter((call) => call.path === "/web/session/authenticate")).toHaveLength(1);
  });
});
