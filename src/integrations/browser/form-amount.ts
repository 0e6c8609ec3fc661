/**
 * @module The amount a form would pay, read from its fields, so the policy's payment limits apply to a
 * browser submission as they do to an invoice. Only a field named like an amount counts (never a year
 * or a reference number that happens to be numeric); several such fields count as the largest, because
 * "amount" and "total" on one form are the same money, and the larger figure is the safe one to check.
 */
import type { FieldValue } from "./browser-session.js";

export interface FormAmount {
  value: number;
  /** ISO 4217; `XXX` (ISO's "no currency") when the form does not say, so a person sees it is unknown. */
  currency: string;
}

const AMOUNT_FIELD = /amount|total|price|\bsum\b|\bfee\b/i;
const CURRENCY_FIELD = /currency/i;
const SYMBOLS: Readonly<Record<string, string>> = {
  $: "USD",
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₹": "INR",
  "₨": "PKR",
  Rs: "PKR",
};
const CODE = /\b([A-Z]{3})\b/;
const UNKNOWN_CURRENCY = "XXX";

export function fieldName(field: FieldValue): string {
  return field.label ?? field.selector ?? "";
}

function currencyIn(text: string): string | undefined {
  const code = CODE.exec(text)?.[1];
  if (code !== undefined) return code;
  return Object.entries(SYMBOLS).find(([symbol]) => text.includes(symbol))?.[1];
}

/** `1,234.56`, `1.234,56`, `1 234,5`, `€ 120`, `120.00 EUR` → the number; undefined when it is not one. */
export function parseAmount(text: string): number | undefined {
  const digits = text.replace(/[A-Za-z€£¥₹₨$]/g, "").replace(/[\s'\u00a0\u202f]/g, "");
  if (!/^\d[\d.,]*$/.test(digits)) return undefined;
  const lastComma = digits.lastIndexOf(",");
  const lastDot = digits.lastIndexOf(".");
  let normal: string;
  if (lastComma >= 0 && lastDot >= 0) {
    // Both present: the one that comes last separates the decimals.
    normal = lastComma > lastDot ? digits.replace(/\./g, "").replace(",", ".") : digits.replace(/,/g, "");
  } else if (lastComma >= 0) {
    normal = /^\d+,\d{1,2}$/.test(digits) ? digits.replace(",", ".") : digits.replace(/,/g, "");
  } else {
    normal = (digits.match(/\./g) ?? []).length > 1 ? digits.replace(/\./g, "") : digits;
  }
  const value = Number(normal);
  return Number.isFinite(value) ? value : undefined;
}

export function amountFromFields(fields: readonly FieldValue[]): FormAmount | undefined {
  let best: FormAmount | undefined;
  const namedCurrency = fields
    .filter((field) => CURRENCY_FIELD.test(fieldName(field)))
    .map((field) => currencyIn(field.value.toUpperCase()) ?? currencyIn(field.value))
    .find((currency) => currency !== undefined);
  for (const field of fields) {
    const name = fieldName(field);
    if (!AMOUNT_FIELD.test(name)) continue;
    const value = parseAmount(field.value);
    if (value === undefined || (best !== undefined && value <= best.value)) continue;
    const currency =
      currencyIn(field.value) ??
      currencyIn(field.value.toUpperCase()) ??
      namedCurrency ??
      currencyIn(name) ??
      UNKNOWN_CURRENCY;
    best = { value, currency };
  }
  return best;
}
