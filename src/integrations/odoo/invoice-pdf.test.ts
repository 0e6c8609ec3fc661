import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Invoice } from "./books.js";
import { renderInvoicePdf } from "./invoice-pdf.js";

const invoice: Invoice = {
  id: "INV-2026-0007",
  number: "INV-2026-0007",
  state: "posted",
  partner: { id: "ana@client.example", name: "Ana Costa", email: "ana@client.example" },
  paymentState: "partial",
  amountTotal: 1549.5,
  amountResidual: 1000,
  currency: "EUR",
  invoiceDate: "2026-03-10",
  dueDate: "2026-04-09",
  lines: [
    { description: "Consulting, March", quantity: 10, unitPrice: 150, subtotal: 1500 },
    { description: "Hosting", quantity: 1, unitPrice: 49.5, subtotal: 49.5 },
  ],
  amountUntaxed: 1549.5,
  amountTax: 0,
  reference: "PO-77",
};

/** The text pdfkit draws, from its (deflated) content streams; it writes strings as hex glyph codes. */
function drawnText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  let text = "";
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1] ?? "", "latin1")).toString("latin1");
    } catch {
      content = match[1] ?? "";
    }
    for (const hex of content.matchAll(/<([0-9a-fA-F]+)>/g))
      text += Buffer.from(hex[1] ?? "", "hex").toString("latin1");
    text += "\n";
  }
  return text;
}

describe("renderInvoicePdf", () => {
  it("renders a PDF with the number, dates, partner, lines and totals", async () => {
    const pdf = await renderInvoicePdf(invoice, {
      name: "Studio North",
      address: "1 Harbour St, Lisbon",
      email: "hi@studio.example",
      paymentInstructions: "IBAN PT50 0000 0000 0000 0000 0000 0",
    });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("Invoice INV-2026-0007");
    const text = drawnText(pdf);
    expect(text).not.toContain("Bolt Inc");
    for (const expected of [
      "Studio North",
      "INVOICE INV-2026-0007",
      "2026-04-09",
      "Ana Costa",
      "Consulting, March",
      "1,500.00",
      "1,549.50",
      "1,000.00",
      "EUR",
      "PO-77",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("marks a draft and renders the same bytes twice", async () => {
    const draft: Invoice = {
      ...invoice,
      number: undefined,
      state: "draft",
      id: "42",
      invoiceDate: undefined,
    };
    const first = await renderInvoicePdf(draft, { name: "Studio North" });
    const second = await renderInvoicePdf(draft, { name: "Studio North" });
    expect(drawnText(first)).toContain("DRAFT");
    expect(first.equals(second)).toBe(true);
  });
});
