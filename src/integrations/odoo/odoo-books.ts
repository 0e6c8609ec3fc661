/**
 * @module The books kept in Odoo. A customer invoice is an `account.move` with `move_type: out_invoice`,
 * its lines `[0, 0, {...}]` commands on `invoice_line_ids`; posting is `action_post`; a payment goes
 * through the `account.payment.register` wizard (created with `active_model`/`active_ids` in its context,
 * then `action_create_payments`), exactly as a person does it in the Odoo UI. Figures come from
 * `search_read`.
 */
import { DataError } from "../../governance/errors/data-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import type { Books, Invoice, InvoiceFilter, InvoiceRef, PeriodRevenue } from "./books.js";
import type { OdooClient, OdooDomain, OdooRecord } from "./odoo-client.js";
import { isoDate } from "./iso-date.js";
import {
  BILL_FIELDS,
  LINE_FIELDS,
  MOVE_FIELDS,
  PARTNER_FIELDS,
  PAYMENT_FIELDS,
  parseBill,
  parseLines,
  parseMove,
  parsePartner,
  parsePayment,
} from "./odoo-records.js";
import { createOdooLookups, odooId, paymentIdOf } from "./odoo-lookups.js";
import { summarizeRevenue } from "./summarize-revenue.js";

/** A list for a person or a model to read; more is never useful in one answer. */
const MAX_LISTED = 500;
const PARTNER_MATCHES = 10;

export function createOdooBooks(client: OdooClient, now: () => Date): Books {
  const { pages, summary, findOrCreatePartner, currencyId, journalId } = createOdooLookups(client);

  return {
    kind: "odoo",
    description: `Odoo (${client.url}, database ${client.database})`,

    async findPartner(query) {
      const text = query.trim();
      if (text === "") return [];
      const records = await client.searchRead(
        "res.partner",
        ["|", ["name", "ilike", text], ["email", "ilike", text]],
        [...PARTNER_FIELDS],
        {
          limit: PARTNER_MATCHES,
          order: "name",
        },
      );
      return records.map(parsePartner);
    },

    findOrCreatePartner,

    async createInvoice(invoice): Promise<InvoiceRef> {
      if (invoice.lines.length === 0) throw new LogicError("An invoice needs at least one line");
      const partner = await findOrCreatePartner(invoice.partner);
      const values: OdooRecord = {
        move_type: "out_invoice",
        partner_id: Number(partner.id),
        currency_id: await currencyId(invoice.currency),
        invoice_line_ids: invoice.lines.map((line) => [
          0,
          0,
          {
            name: line.description,
            quantity: line.quantity,
            price_unit: line.unitPrice,
            ...(line.productId ? { product_id: odooId(line.productId, "product") } : {}),
          },
        ]),
        ...(invoice.dueDate ? { invoice_date_due: invoice.dueDate } : {}),
        ...(invoice.reference ? { ref: invoice.reference } : {}),
      };
      const id = await client.create("account.move", values);
      const created = await summary(id);
      return { id: created.id, number: created.number, state: created.state };
    },

    async getInvoice(id): Promise<Invoice> {
      const moveId = odooId(id, "invoice");
      const [record] = await client.read(
        "account.move",
        [moveId],
        [...MOVE_FIELDS, "amount_untaxed", "amount_tax", "ref", "invoice_line_ids"],
      );
      if (!record) throw new DataError(`Odoo has no invoice ${id}`);
      const invoice = parseMove(record);
      const lineIds = Array.isArray(record.invoice_line_ids)
        ? record.invoice_line_ids.filter((item) => typeof item === "number")
        : [];
      const lines =
        lineIds.length > 0
          ? parseLines(await client.read("account.move.line", lineIds, [...LINE_FIELDS]))
          : [];
      const partnerId = Number(invoice.partner.id);
      const [partner] =
        partnerId > 0 ? await client.read("res.partner", [partnerId], [...PARTNER_FIELDS]) : [];
      return {
        ...invoice,
        partner: partner ? parsePartner(partner) : invoice.partner,
        lines,
        amountUntaxed:
          typeof record.amount_untaxed === "number" ? record.amount_untaxed : invoice.amountTotal,
        amountTax: typeof record.amount_tax === "number" ? record.amount_tax : 0,
        reference: typeof record.ref === "string" && record.ref !== "" ? record.ref : undefined,
      };
    },

    async postInvoice(id) {
      const moveId = odooId(id, "invoice");
      await client.execute("account.move", "action_post", { ids: [moveId] });
      const posted = await summary(moveId);
      return { id: posted.id, number: posted.number, state: posted.state };
    },

    async registerPayment(input) {
      const moveId = odooId(input.invoiceId, "invoice");
      const context = { active_model: "account.move", active_ids: [moveId] };
      const wizardId = await client.create(
        "account.payment.register",
        {
          amount: input.amount,
          payment_date: input.date,
          ...(input.journal ? { journal_id: await journalId(input.journal) } : {}),
        },
        context,
      );
      let action: unknown;
      try {
        action = await client.execute("account.payment.register", "action_create_payments", {
          ids: [wizardId],
          context,
        });
      } catch (error) {
        if (!(error instanceof TransientError)) throw error;
        // The payment may exist already; repeating the call could record it twice.
        throw new LogicError(
          `Odoo did not confirm the payment of ${input.amount} on invoice ${input.invoiceId} (${error.message}); check the invoice in Odoo before registering it again — payments are never retried automatically`,
          { cause: error },
        );
      }
      const invoice = await summary(moveId);
      const paymentId = paymentIdOf(action);
      const [record] =
        paymentId === undefined
          ? await client.searchRead(
              "account.payment",
              [
                ["partner_id", "=", Number(invoice.partner.id)],
                ["date", "=", input.date],
                ["amount", "=", input.amount],
              ],
              [...PAYMENT_FIELDS],
              { limit: 1, order: "id desc" },
            )
          : await client.read("account.payment", [paymentId], [...PAYMENT_FIELDS]);
      if (!record)
        throw new DataError(
          `Odoo recorded the payment on invoice ${input.invoiceId} but did not say which payment it created`,
        );
      const payment = parsePayment(record);
      return {
        payment: {
          ...payment,
          invoiceIds: payment.invoiceIds.length > 0 ? payment.invoiceIds : [invoice.id],
        },
        invoice,
      };
    },

    async listInvoices(filter: InvoiceFilter = {}) {
      const domain: OdooDomain = [["move_type", "=", "out_invoice"]];
      if (filter.state) domain.push(["state", "=", filter.state]);
      if (filter.paymentState) {
        domain.push([
          "payment_state",
          "in",
          Array.isArray(filter.paymentState) ? filter.paymentState : [filter.paymentState],
        ]);
      }
      if (filter.partner) domain.push(["partner_id", "ilike", filter.partner]);
      if (filter.overdue) {
        domain.push(
          ["state", "=", "posted"],
          ["payment_state", "in", ["not_paid", "partial"]],
          ["invoice_date_due", "<", isoDate(now())],
        );
      }
      const limit = Math.min(filter.limit ?? MAX_LISTED, MAX_LISTED);
      const records = await client.searchRead("account.move", domain, [...MOVE_FIELDS], {
        limit,
        order: "invoice_date_due desc, id desc",
      });
      return records.map(parseMove);
    },

    async revenue(from, to): Promise<PeriodRevenue> {
      const domain = [
        ["move_type", "in", ["out_invoice", "out_refund"]],
        ["state", "=", "posted"],
        ["invoice_date", ">=", from],
        ["invoice_date", "<=", to],
      ];
      const records = await pages(
        "account.move",
        domain,
        [...MOVE_FIELDS, "amount_untaxed"],
        "invoice_date, id",
      );
      const rows = records.map((record) => ({
        ...parseMove(record),
        untaxed: typeof record.amount_untaxed === "number" ? record.amount_untaxed : 0,
        refund: record.move_type === "out_refund",
      }));
      return { from, to, currencies: summarizeRevenue(rows) };
    },

    async vendorBills(from, to) {
      const domain = [
        ["move_type", "=", "in_invoice"],
        ["state", "=", "posted"],
        ["invoice_date", ">=", from],
        ["invoice_date", "<=", to],
      ];
      return (await pages("account.move", domain, BILL_FIELDS, "invoice_date, id")).map(parseBill);
    },

    async recentPayments(since) {
      const domain = [
        ["payment_type", "=", "inbound"],
        ["partner_type", "=", "customer"],
        ["date", ">=", since],
        // Odoo 17 has draft/posted/cancel; 18+ adds in_process/paid/canceled/rejected.
        ["state", "not in", ["draft", "cancel", "canceled", "rejected"]],
      ];
      return (await pages("account.payment", domain, PAYMENT_FIELDS, "date desc, id desc")).map(parsePayment);
    },

    async nativeInvoicePdf(id) {
      const result = await client.fetchReport("account.report_invoice", [odooId(id, "invoice")]);
      return result.status === "downloaded"
        ? { content: result.content, source: "Odoo's own invoice report" }
        : { unavailable: result.reason };
    },
  };
}
