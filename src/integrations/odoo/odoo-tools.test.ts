import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeOdoo, FAKE_ADMIN } from "../../../test/fakes/odoo/fake-odoo.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import type { ToolDefinition } from "../tool-definition.js";
import type { Books } from "./books.js";
import { createOdooBooks } from "./odoo-books.js";
import { createOdooClient } from "./odoo-client.js";
import { createOdooTools } from "./odoo-tools.js";
import { createVaultBooks } from "./vault-books.js";

const NOW = new Date(2026, 2, 10, 12, 0, 0);
const company = { name: "Studio North", email: "hi@studio.example" };
let vault: string;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  vault = await mkdtemp(path.join(tmpdir(), "odoo-tools-"));
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await rm(vault, { recursive: true, force: true });
});

function toolsFor(books: Books, dryRun = false): Record<string, ToolDefinition> {
  const tools = createOdooTools({ books, vaultRoot: vault, company, now: () => NOW, dryRun });
  return Object.fromEntries(tools.map((tool) => [tool.name, tool]));
}

/** Parses the input as the MCP layer does, then runs the tool. */
async function run(tool: ToolDefinition | undefined, input: unknown) {
  if (!tool) throw new Error("no such tool");
  return tool.run(tool.input.parse(input), new AbortController().signal);
}

function facts(tool: ToolDefinition | undefined, input: unknown) {
  if (!tool?.facts) throw new Error("no facts");
  return tool.facts(tool.input.parse(input));
}

const invoiceInput = {
  partner: { name: "Ana Costa", email: "ana@client.example" },
  lines: [
    { description: "Consulting", quantity: 10, unit_price: 150 },
    { description: "Hosting", quantity: 1, unit_price: 49.5 },
  ],
  currency: "eur",
  due_date: "2026-04-09",
};

describe("the accounting tools", () => {
  it("are named verb_noun, and every write tool states its facts", () => {
    const tools = createOdooTools({
      books: createVaultBooks(vault, () => NOW),
      vaultRoot: vault,
      company,
      now: () => NOW,
    });
    expect(tools.map((tool) => tool.name)).toEqual([
      "find_partner",
      "list_invoices",
      "financial_summary",
      "get_invoice_pdf",
      "create_invoice",
      "post_invoice",
      "register_payment",
    ]);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-z]+(_[a-z]+)+$/);
      expect(tool.effect === "write").toBe(typeof tool.facts === "function");
      expect(tool.annotations.readOnlyHint).toBe(tool.effect === "read");
    }
  });

  it("derive the policy's facts from the arguments alone", () => {
    const tools = toolsFor(createVaultBooks(vault, () => NOW));
    expect(facts(tools.create_invoice, invoiceInput)).toEqual({
      category: "invoice",
      recipients: ["ana@client.example"],
      amount: { value: 1549.5, currency: "EUR" },
      count: 1,
      summary: "Draft invoice for Ana Costa <ana@client.example>: 1,549.50 EUR (2 line(s))",
    });
    expect(
      facts(tools.post_invoice, {
        invoice_id: "INV-2026-0001",
        partner: "ana@client.example",
        amount_total: 1549.5,
        currency: "EUR",
      }),
    ).toMatchObject({
      category: "invoice",
      recipients: ["ana@client.example"],
      amount: { value: 1549.5, currency: "EUR" },
    });
    expect(
      facts(tools.register_payment, {
        invoice_id: "INV-2026-0001",
        partner: "Ana Costa",
        amount: 500,
        currency: "EUR",
        date: "2026-03-11",
      }),
    ).toMatchObject({
      category: "payment",
      recipients: ["Ana Costa"],
      amount: { value: 500, currency: "EUR" },
    });
  });

  it("run the invoice flow on the vault's books in dry-run mode, saying so", async () => {
    const tools = toolsFor(
      createVaultBooks(vault, () => NOW),
      true,
    );
    const created = await run(tools.create_invoice, invoiceInput);
    expect(created.dryRun).toBe(true);
    expect(created.text).toContain("the vault's books");
    expect(created.text).toContain("dry run");
    const id = String(created.data?.id);

    // An approval for a different total is refused and the invoice stays a draft.
    await expect(
      run(tools.post_invoice, { invoice_id: id, partner: "Ana Costa", amount_total: 999, currency: "EUR" }),
    ).rejects.toBeInstanceOf(LogicError);
    const listed = await run(tools.list_invoices, { state: "draft" });
    expect(listed.data?.invoices).toHaveLength(1);

    const posted = await run(tools.post_invoice, {
      invoice_id: id,
      partner: "ana@client.example",
      amount_total: 1549.5,
      currency: "EUR",
    });
    expect(posted.data).toMatchObject({
      state: "posted",
      number: "INV-2026-0001",
      pdfPath: "Accounting/Invoices/INV-2026-0001.pdf",
    });
    expect(posted.text).toContain("rendered locally");
    const pdf = await readFile(path.join(vault, "Accounting/Invoices/INV-2026-0001.pdf"));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Run again (the executor lost the first answer): nothing is posted or recorded twice.
    const again = await run(tools.post_invoice, {
      invoice_id: id,
      partner: "Ana Costa",
      amount_total: 1549.5,
      currency: "EUR",
    });
    expect(again.text).toContain("already posted");
    expect(
      (await readFile(path.join(vault, "Accounting/Transactions.md"), "utf8")).match(/INV-2026-0001 \|/g),
    ).toHaveLength(1);

    await expect(
      run(tools.register_payment, {
        invoice_id: id,
        partner: "Ana Costa",
        amount: 2000,
        currency: "EUR",
        date: "2026-03-11",
      }),
    ).rejects.toThrow(/more than/);
    await expect(
      run(tools.register_payment, {
        invoice_id: id,
        partner: "Bob",
        amount: 10,
        currency: "EUR",
        date: "2026-03-11",
      }),
    ).rejects.toThrow(/not Bob/);
    const paid = await run(tools.register_payment, {
      invoice_id: id,
      partner: "Ana Costa",
      amount: 1549.5,
      currency: "EUR",
      date: "2026-03-11",
    });
    expect(paid.text).toContain("it is now paid");
    expect(paid.data?.invoice).toMatchObject({ paymentState: "paid" });

    const summary = await run(tools.financial_summary, {});
    expect(summary.text).toContain("Period 2026-03-01 to 2026-03-10");
    expect(summary.text).toContain("1,549.50 EUR invoiced on 1 invoice(s), 1,549.50 EUR collected");
    expect((await run(tools.find_partner, { query: "ana" })).data?.partners).toEqual([
      { id: "ana@client.example", name: "Ana Costa", email: "ana@client.example" },
    ]);
    expect((await run(tools.get_invoice_pdf, { invoice_id: id })).data).toMatchObject({
      path: "Accounting/Invoices/INV-2026-0001.pdf",
    });
  });

  it("run the same flow against Odoo, with Odoo's number in the PDF's name", async () => {
    const fake = createFakeOdoo({ version: "19.0", today: () => "2026-03-10" });
    const { url, close } = await fake.start();
    closers.push(close);
    const client = createOdooClient({
      config: { url, database: "acme", user: FAKE_ADMIN.login, apiKey: FAKE_ADMIN.apiKey ?? "" },
      now: () => NOW,
    });
    const tools = toolsFor(createOdooBooks(client, () => NOW));
    const created = await run(tools.create_invoice, invoiceInput);
    expect(created.dryRun).toBeUndefined();
    expect(created.text).toContain(`Odoo (${url}, database acme)`);
    const id = String(created.data?.id);
    const posted = await run(tools.post_invoice, {
      invoice_id: id,
      partner: "Ana Costa",
      amount_total: 1549.5,
      currency: "EUR",
    });
    expect(posted.data).toMatchObject({
      number: "INV/2026/00001",
      pdfPath: "Accounting/Invoices/INV_2026_00001.pdf",
    });
    expect(posted.text).toMatch(/rendered locally \(Odoo opens a web session only with a password/);
    const paid = await run(tools.register_payment, {
      invoice_id: id,
      partner: "ana@client.example",
      amount: 549.5,
      currency: "EUR",
      date: "2026-03-11",
    });
    expect(paid.text).toContain("1,000.00 EUR is still due");
    expect(fake.records("account.payment")).toHaveLength(1);
  });
});
