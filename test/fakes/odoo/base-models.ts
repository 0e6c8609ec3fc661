/**
 * @module The base models a billing integration touches besides accounting: users, partners,
 * currencies and products, with the fields and rules Odoo gives them.
 */
import { validationError } from "./odoo-exception.js";
import { text, type ModelDef, type StoredRecord } from "./orm.js";

export function baseModels(): ModelDef[] {
  return [
    {
      name: "res.users",
      description: "User",
      fields: { name: { type: "char" }, login: { type: "char" }, active: { type: "boolean", default: true } },
      methods: {
        context_get: {
          model: true,
          params: [],
          run: (_orm, env) => ({ lang: "en_US", tz: "Europe/Brussels", uid: env.uid }),
        },
      },
    },
    {
      name: "res.partner",
      description: "Contact",
      searchNames: ["name", "email"],
      fields: {
        name: { type: "char" },
        email: { type: "char" },
        phone: { type: "char" },
        is_company: { type: "boolean", default: false },
        active: { type: "boolean", default: true },
        customer_rank: { type: "integer", default: 0 },
        supplier_rank: { type: "integer", default: 0 },
        display_name: { type: "char", compute: (record) => record.name ?? "" },
      },
      check: (_orm, record) => {
        if (typeof record.name !== "string" || record.name.trim() === "")
          throw validationError("Contacts require a name");
      },
    },
    {
      name: "res.currency",
      description: "Currency",
      fields: {
        name: { type: "char" },
        symbol: { type: "char" },
        active: { type: "boolean", default: true },
        display_name: { type: "char", compute: (record) => record.name ?? "" },
      },
    },
    {
      name: "product.product",
      description: "Product Variant",
      searchNames: ["name", "default_code"],
      fields: {
        name: { type: "char" },
        default_code: { type: "char" },
        lst_price: { type: "float", default: 0 },
        active: { type: "boolean", default: true },
        display_name: { type: "char", compute: productName },
      },
      displayName: productName,
    },
  ];
}

function productName(record: StoredRecord): string {
  return record.default_code
    ? `[${text(record.default_code)}] ${text(record.name)}`
    : text(record.name ?? "");
}
