/**
 * @module The invoice as a PDF, rendered locally with pdfkit: used whenever Odoo's own report cannot
 * be fetched (always for the vault's books, and with an API key, which cannot open Odoo's web session).
 * Built-in Helvetica only, so it renders the same on every machine without font files; amounts carry
 * the ISO currency code rather than a symbol.
 */
import type { Invoice } from "./books.js";
import { formatMoney } from "./format-money.js";

export interface CompanyProfile {
  name: string;
  /** Postal address, one line per line. */
  address?: string;
  email?: string;
  phone?: string;
  taxId?: string;
  /** How to pay (bank account, payment link), printed under the totals. */
  paymentInstructions?: string;
}

const MARGIN = 50;
const COLUMNS = { description: MARGIN, quantity: 330, unitPrice: 390, amount: 470 } as const;
const RIGHT_EDGE = 545;

export async function renderInvoicePdf(invoice: Invoice, company: CompanyProfile): Promise<Buffer> {
  const title = invoice.number ? `Invoice ${invoice.number}` : `Draft invoice ${invoice.id}`;
  // pdfkit (with its fonts) is loaded only when an invoice is rendered, not at every start.
  const { default: PDFDocument } = await import("pdfkit");
  const document = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: {
      Title: title,
      Author: company.name,
      Subject: `${title} for ${invoice.partner.name}`,
      // A fixed date keeps the same invoice rendering to the same bytes.
      CreationDate: new Date(`${invoice.invoiceDate ?? "2000-01-01"}T00:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on("data", (chunk: Buffer) => chunks.push(chunk));
    document.on("end", () => resolve(Buffer.concat(chunks)));
    document.on("error", reject);
  });

  header(document, company);
  details(document, invoice, title);
  lines(document, invoice);
  totals(document, invoice);
  if (company.paymentInstructions) {
    document.moveDown(2).font("Helvetica-Bold").fontSize(10).text("How to pay", MARGIN);
    document
      .font("Helvetica")
      .fontSize(9)
      .text(company.paymentInstructions, MARGIN, undefined, { width: RIGHT_EDGE - MARGIN });
  }
  if (invoice.state === "draft") {
    document
      .save()
      .rotate(-30, { origin: [300, 420] })
      .fontSize(80)
      .fillColor("#dddddd")
      .text("DRAFT", 150, 380)
      .restore();
  }
  document.end();
  return finished;
}

function header(document: PDFKit.PDFDocument, company: CompanyProfile): void {
  document.font("Helvetica-Bold").fontSize(18).text(company.name, MARGIN, MARGIN);
  document.font("Helvetica").fontSize(9);
  const contact = [
    company.address,
    company.email,
    company.phone,
    company.taxId ? `Tax ID: ${company.taxId}` : undefined,
  ];
  for (const line of contact.filter((item): item is string => Boolean(item))) document.text(line);
  document.moveDown(1.5);
}

function details(document: PDFKit.PDFDocument, invoice: Invoice, title: string): void {
  document.font("Helvetica-Bold").fontSize(16).text(title.toUpperCase(), MARGIN);
  document.font("Helvetica").fontSize(10).moveDown(0.5);
  const facts: [string, string | undefined][] = [
    ["Invoice date", invoice.invoiceDate],
    ["Due date", invoice.dueDate],
    ["Reference", invoice.reference],
    ["Currency", invoice.currency],
  ];
  for (const [label, value] of facts) if (value) document.text(`${label}: ${value}`);
  document.moveDown().font("Helvetica-Bold").text("Bill to");
  document.font("Helvetica").text(invoice.partner.name);
  if (invoice.partner.email) document.text(invoice.partner.email);
  document.moveDown(1.5);
}

function lines(document: PDFKit.PDFDocument, invoice: Invoice): void {
  const row = (cells: [string, string, string, string], bold = false) => {
    if (document.y > document.page.height - MARGIN * 3) document.addPage();
    const top = document.y;
    document.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(10);
    document.text(cells[0], COLUMNS.description, top, { width: COLUMNS.quantity - COLUMNS.description - 10 });
    const bottom = document.y;
    document.text(cells[1], COLUMNS.quantity, top, { width: 50, align: "right" });
    document.text(cells[2], COLUMNS.unitPrice, top, { width: 70, align: "right" });
    document.text(cells[3], COLUMNS.amount, top, { width: RIGHT_EDGE - COLUMNS.amount, align: "right" });
    document.y = Math.max(bottom, document.y) + 4;
  };
  row(["Description", "Qty", "Unit price", "Amount"], true);
  document.moveTo(MARGIN, document.y).lineTo(RIGHT_EDGE, document.y).stroke();
  document.y += 4;
  for (const line of invoice.lines) {
    row([line.description, String(line.quantity), formatMoney(line.unitPrice), formatMoney(line.subtotal)]);
  }
  document.moveTo(MARGIN, document.y).lineTo(RIGHT_EDGE, document.y).stroke();
  document.y += 8;
}

function totals(document: PDFKit.PDFDocument, invoice: Invoice): void {
  const paid = Math.round((invoice.amountTotal - invoice.amountResidual) * 100) / 100;
  const rows: [string, number, boolean][] = [
    ["Untaxed amount", invoice.amountUntaxed, false],
    ...(invoice.amountTax !== 0 ? ([["Tax", invoice.amountTax, false]] as [string, number, boolean][]) : []),
    [`Total (${invoice.currency})`, invoice.amountTotal, true],
    ...(paid > 0 && invoice.state !== "draft"
      ? ([["Paid", paid, false]] as [string, number, boolean][])
      : []),
    ...(invoice.state !== "draft"
      ? ([[`Amount due (${invoice.currency})`, invoice.amountResidual, true]] as [string, number, boolean][])
      : []),
  ];
  for (const [label, value, bold] of rows) {
    const top = document.y;
    document.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(10);
    document.text(label, COLUMNS.quantity - 60, top, { width: 170, align: "right" });
    document.text(formatMoney(value), COLUMNS.amount, top, {
      width: RIGHT_EDGE - COLUMNS.amount,
      align: "right",
    });
    document.y += 2;
  }
}
