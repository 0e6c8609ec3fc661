/**
 * @module What a fresh fake database holds: the users the tests log in as, the company's currencies
 * (one inactive, as in a new Odoo), the default journals of the Invoicing app, and one product.
 */
import type { Env, Orm } from "./orm.js";

export interface FakeOdooUser {
  uid: number;
  login: string;
  /** Accepted by JSON-RPC and the web login. */
  password: string;
  /** Accepted by JSON-RPC and JSON-2 (bearer); never by the web login. */
  apiKey?: string;
  name?: string;
  /** Billing rights read-only: writes on accounting models raise AccessError. */
  readOnlyAccounting?: boolean;
}

export const FAKE_ADMIN: FakeOdooUser = {
  uid: 2,
  login: "admin@acme.example",
  password: "admin-password-1",
  apiKey: "9f1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c",
  name: "Mitchell Admin",
};

export function seed(orm: Orm, users: readonly FakeOdooUser[], companyCurrency: string): void {
  const env: Env = { uid: 1, context: {}, readOnlyAccounting: false };
  for (const user of users)
    orm.create(env, "res.users", { name: user.name ?? user.login, login: user.login });
  const currencies: [string, string, boolean][] = [
    ["USD", "$", true],
    ["EUR", "€", true],
    ["GBP", "£", true],
    ["JPY", "¥", false],
  ];
  for (const [name, symbol, active] of currencies)
    orm.create(env, "res.currency", { name, symbol, active: active || name === companyCurrency });
  const journals: [string, string, string][] = [
    ["Customer Invoices", "INV", "sale"],
    ["Vendor Bills", "BILL", "purchase"],
    ["Bank", "BNK1", "bank"],
    ["Cash", "CSH1", "cash"],
    ["Miscellaneous Operations", "MISC", "general"],
  ];
  for (const [name, code, type] of journals) orm.create(env, "account.journal", { name, code, type });
  orm.create(env, "product.product", { name: "Consulting", default_code: "CONSULT", lst_price: 150 });
}
