/**
 * @module Odoo's invoicing models as the external API sees them: `account.journal`, `account.move`
 * (draft → posted, numbered on posting like `INV/2026/00001`, `amount_total` from its lines,
 * `amount_residual` and `payment_state` moved by payments), `account.move.line`, `account.payment`, and
 * the `account.payment.register` wizard that reads `active_model`/`active_ids` from its context.
 * What has been paid on a move is kept out of its fields (`paid_amount` is the fake's own bookkeeping,
 * standing in for Odoo's reconciled journal items), so a client cannot read or write it.
 */
import { userError, validationError } from "./odoo-exception.js";
import { lines, residual, round, total } from "./move-amounts.js";
import { text, type Env, type ModelDef, type Orm, type StoredRecord, type Values } from "./orm.js";
import { registerWizard } from "./payment-register-model.js";

export interface AccountingOptions {
  /** Odoo 17 names the payment memo `ref`, 18+ `memo`. */
  major: number;
  /** What a full payment sets: `paid`, or `in_payment` when payments wait for bank reconciliation. */
  fullyPaidState: "paid" | "in_payment";
  companyCurrencyId: () => number;
}

const MOVE_TYPES = ["entry", "out_invoice", "out_refund", "in_invoice", "in_refund"] as const;
const PAYMENT_STATES = ["not_paid", "in_payment", "paid", "partial", "reversed", "invoicing_legacy"] as const;
function journalFor(orm: Orm, type: string): number | false {
  const wanted = type.startsWith("out_") ? "sale" : type.startsWith("in_") ? "purchase" : "general";
  return [...orm.table("account.journal").values()].find((journal) => journal.type === wanted)?.id ?? false;
}

function post(orm: Orm, move: StoredRecord): void {
  const label = `${text(move.name)} (id ${move.id})`;
  if (move.state !== "draft") throw userError(`The entry ${label} is already posted.`);
  if (move.move_type !== "entry" && !move.partner_id) {
    const role = String(move.move_type).startsWith("out_") ? "Customer" : "Vendor";
    throw userError(
      `The field '${role}' is required, please complete it to validate the ${role === "Customer" ? "Customer Invoice" : "Vendor Bill"}.`,
    );
  }
  if (lines(orm, move).length === 0) throw userError("You need to add a line before posting.");
  if (total(orm, move) < 0)
    throw userError(
      "You cannot validate an invoice with a negative total amount. You should create a credit note instead.",
    );
  move.invoice_date = move.invoice_date || orm.today();
  move.invoice_date_due = move.invoice_date_due || move.invoice_date;
  const journal = orm.table("account.journal").get(Number(move.journal_id));
  const year = String(move.invoice_date).slice(0, 4);
  const code = text(journal?.code ?? "MISC");
  move.name = `${code}/${year}/${String(orm.next(`${code}/${year}`)).padStart(5, "0")}`;
  move.state = "posted";
  move.payment_state = "not_paid";
}

export function accountingModels(options: AccountingOptions): ModelDef[] {
  const moveDisplayName = (record: StoredRecord) =>
    record.name && record.name !== "/"
      ? text(record.name)
      : `Draft ${record.move_type === "in_invoice" ? "Bill" : "Invoice"} (* ${record.id})`;

  const move: ModelDef = {
    name: "account.move",
    description: "Journal Entry",
    guarded: true,
    searchNames: ["name", "ref"],
    displayName: moveDisplayName,
    fields: {
      name: { type: "char", default: "/" },
      move_type: { type: "selection", selection: MOVE_TYPES, default: "entry" },
      partner_id: { type: "many2one", relation: "res.partner" },
      state: { type: "selection", selection: ["draft", "posted", "cancel"], default: "draft" },
      payment_state: { type: "selection", selection: PAYMENT_STATES, default: "not_paid" },
      invoice_date: { type: "date" },
      invoice_date_due: { type: "date" },
      currency_id: { type: "many2one", relation: "res.currency", default: () => options.companyCurrencyId() },
      journal_id: {
        type: "many2one",
        relation: "account.journal",
        default: (orm: Orm, _env: Env, values: Values) => journalFor(orm, text(values.move_type ?? "entry")),
      },
      ref: { type: "char" },
      invoice_origin: { type: "char" },
      invoice_line_ids: { type: "one2many", relation: "account.move.line", inverse: "move_id" },
      amount_untaxed: { type: "float", compute: (record, orm) => total(orm, record) },
      amount_tax: { type: "float", compute: () => 0 },
      amount_total: { type: "float", compute: (record, orm) => total(orm, record) },
      amount_residual: { type: "float", compute: (record, orm) => residual(orm, record) },
      display_name: { type: "char", compute: (record) => moveDisplayName(record) },
    },
    beforeWrite: (_orm, record, values) => {
      const locked = ["invoice_line_ids", "partner_id", "currency_id", "move_type", "journal_id"].filter(
        (name) => name in values,
      );
      if (record.state === "posted" && locked.length > 0) {
        throw userError(
          `You cannot modify the following fields of a posted entry: ${locked.join(", ")}. Reset it to draft first.`,
        );
      }
    },
    beforeUnlink: (_orm, record) => {
      if (record.state === "posted" || (record.name && record.name !== "/"))
        throw userError("You cannot delete an entry which has been posted once.");
    },
    methods: {
      action_post: {
        model: false,
        params: [],
        run: (orm, env, ids) => {
          orm.checkAccess(env, "account.move", "write");
          for (const record of orm.browse("account.move", ids)) post(orm, record);
          return false;
        },
      },
      button_draft: {
        model: false,
        params: [],
        run: (orm, env, ids) => {
          orm.checkAccess(env, "account.move", "write");
          for (const record of orm.browse("account.move", ids)) {
            if (Number(record.paid_amount ?? 0) > 0)
              throw userError("You cannot reset to draft an entry that has payments.");
            record.state = "draft";
          }
          return false;
        },
      },
    },
  };

  const line: ModelDef = {
    name: "account.move.line",
    description: "Journal Item",
    guarded: true,
    fields: {
      move_id: { type: "many2one", relation: "account.move" },
      name: { type: "char" },
      product_id: { type: "many2one", relation: "product.product" },
      quantity: { type: "float", default: 1 },
      price_unit: { type: "float", default: 0 },
      display_type: {
        type: "selection",
        selection: ["product", "line_section", "line_note", "tax", "payment_term"],
        default: "product",
      },
      price_subtotal: {
        type: "float",
        compute: (record) => round(Number(record.quantity) * Number(record.price_unit)),
      },
    },
    prepareCreate: (orm, _env, values) => {
      const product = values.product_id
        ? orm.table("product.product").get(Number(values.product_id))
        : undefined;
      return { ...(product ? { name: product.name, price_unit: product.lst_price } : {}), ...values };
    },
  };

  const payment: ModelDef = {
    name: "account.payment",
    description: "Payments",
    guarded: true,
    fields: {
      name: { type: "char" },
      payment_type: { type: "selection", selection: ["inbound", "outbound"] },
      partner_type: { type: "selection", selection: ["customer", "supplier"] },
      partner_id: { type: "many2one", relation: "res.partner" },
      amount: { type: "float" },
      currency_id: { type: "many2one", relation: "res.currency" },
      date: { type: "date" },
      journal_id: { type: "many2one", relation: "account.journal" },
      state: {
        type: "selection",
        selection:
          options.major >= 18
            ? ["draft", "in_process", "paid", "canceled", "rejected"]
            : ["draft", "posted", "cancel"],
      },
      [options.major >= 18 ? "memo" : "ref"]: { type: "char" },
      reconciled_invoice_ids: { type: "many2many", relation: "account.move" },
    },
    check: (_orm, record) => {
      if (Number(record.amount) < 0) throw validationError("The payment amount cannot be negative.");
    },
  };

  const journal: ModelDef = {
    name: "account.journal",
    description: "Journal",
    searchNames: ["name", "code"],
    fields: {
      name: { type: "char" },
      code: { type: "char" },
      type: { type: "selection", selection: ["sale", "purchase", "cash", "bank", "credit", "general"] },
      active: { type: "boolean", default: true },
    },
  };

  return [journal, move, line, payment, registerWizard(options)];
}
