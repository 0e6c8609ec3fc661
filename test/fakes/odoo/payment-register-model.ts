/**
 * @module The `account.payment.register` wizard: created with `active_model`/`active_ids` in its
 * context (it refuses drafts and invoices with nothing left to pay), then `action_create_payments`
 * creates the `account.payment` and moves the invoices' `amount_residual` and `payment_state`.
 */
import type { AccountingOptions } from "./accounting-models.js";
import { CENT, residual, round } from "./move-amounts.js";
import { userError } from "./odoo-exception.js";
import { text, type Env, type ModelDef, type Orm, type StoredRecord } from "./orm.js";

export function registerWizard(options: AccountingOptions): ModelDef {
  return {
    name: "account.payment.register",
    description: "Pay",
    guarded: true,
    fields: {
      amount: { type: "float" },
      payment_date: { type: "date" },
      journal_id: { type: "many2one", relation: "account.journal" },
      currency_id: { type: "many2one", relation: "res.currency" },
      partner_id: { type: "many2one", relation: "res.partner" },
      communication: { type: "char" },
      line_ids: { type: "many2many", relation: "account.move" },
    },
    prepareCreate: (orm, env, values) => {
      if (
        env.context.active_model !== "account.move" ||
        !Array.isArray(env.context.active_ids) ||
        env.context.active_ids.length === 0
      ) {
        throw userError(
          "The register payment wizard should only be called on account.move or account.move.line records.",
        );
      }
      const moves = orm.browse("account.move", env.context.active_ids as number[]);
      if (moves.some((record) => record.state !== "posted"))
        throw userError("You can only register payment for posted journal entries.");
      const open = moves.filter((record) => residual(orm, record) > CENT);
      if (open.length === 0) {
        throw userError(
          "You can't register a payment because there is nothing left to pay on the selected journal items.",
        );
      }
      const first = open[0] as StoredRecord;
      const bank = [...orm.table("account.journal").values()].find((journal) => journal.type === "bank");
      return {
        amount: round(open.reduce((sum, record) => sum + residual(orm, record), 0)),
        payment_date: orm.today(),
        journal_id: bank?.id ?? false,
        currency_id: first.currency_id,
        partner_id: first.partner_id,
        communication: first.name,
        ...values,
        line_ids: [[6, 0, open.map((record) => record.id)]],
      };
    },
    methods: {
      action_create_payments: {
        model: false,
        params: [],
        run: (orm, env, ids) => {
          let created: StoredRecord | undefined;
          for (const wizard of orm.browse("account.payment.register", ids))
            created = createPayment(orm, env, wizard, options);
          return created
            ? {
                name: "Payments",
                type: "ir.actions.act_window",
                res_model: "account.payment",
                context: { create: false },
                view_mode: "form",
                res_id: created.id,
              }
            : true;
        },
      },
    },
  };
}

function createPayment(orm: Orm, env: Env, wizard: StoredRecord, options: AccountingOptions): StoredRecord {
  const moves = orm.browse("account.move", (wizard.line_ids as number[] | undefined) ?? []);
  const first = moves[0];
  const journal = orm.table("account.journal").get(Number(wizard.journal_id));
  const year = String(wizard.payment_date).slice(0, 4);
  const code = `P${text(journal?.code ?? "BNK1")}`;
  const payment = orm.create(env, "account.payment", {
    name: `${code}/${year}/${String(orm.next(`${code}/${year}`)).padStart(5, "0")}`,
    payment_type: text(first?.move_type ?? "out_invoice").startsWith("in_") ? "outbound" : "inbound",
    partner_type: text(first?.move_type ?? "out_invoice").startsWith("in_") ? "supplier" : "customer",
    partner_id: wizard.partner_id,
    amount: wizard.amount,
    currency_id: wizard.currency_id,
    date: wizard.payment_date,
    journal_id: wizard.journal_id,
    state: options.major >= 18 ? "in_process" : "posted",
    [options.major >= 18 ? "memo" : "ref"]: wizard.communication || false,
    reconciled_invoice_ids: [[6, 0, moves.map((record) => record.id)]],
  });
  let left = Number(wizard.amount);
  for (const record of moves) {
    const applied = Math.min(left, residual(orm, record));
    left = round(left - applied);
    record.paid_amount = round(Number(record.paid_amount ?? 0) + applied);
    record.payment_state = residual(orm, record) <= CENT ? options.fullyPaidState : "partial";
  }
  return payment;
}
