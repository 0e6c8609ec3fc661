/**
 * @module Money amounts in free text. Only a number with a currency marker is an amount: a year, a
 * date, a phone number or an invoice number never is.
 */

export interface Amount {
  value: number;
  currency: string;
  /** The text it was read from. */
  text: string;
}

const SYMBOLS: Record<string, string> = {
  $: "USD",
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₹": "INR",
  "₨": "PKR",
};
const CODES = "USD|EUR|GBP|JPY|INR|PKR|CAD|AUD|CHF|AED|SAR|NZD|SGD";
const NUMBER = String.raw`\d{1,3}(?:[,\u00a0 ]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const SCALE = String.raw`(?:\s?(k|K|m|M)\b)?`;

const BEFORE = new RegExp(String.raw`(?<![\w.])([$€£¥₹₨]|(?:${CODES})\s?|Rs\.?\s?)(${NUMBER})${SCALE}`, "g");
const AFTER = new RegExp(
  String.raw`(?<![\w.$€£¥₹])(${NUMBER})${SCALE}\s?(${CODES}|dollars?|euros?|pounds?|rupees?)\b`,
  "gi",
);

function toNumber(text: string, scale: string | undefined): number {
  const value = Number(text.replace(/[,\u00a0 ]/g, ""));
  if (scale === "k" || scale === "K") return value * 1_000;
  if (scale === "m" || scale === "M") return value * 1_000_000;
  return value;
}

function currencyOf(marker: string): string {
  const trimmed = marker.trim().replace(/\.$/, "");
  if (SYMBOLS[trimmed]) return SYMBOLS[trimmed];
  if (/^rs$/i.test(trimmed) || /^rupees?$/i.test(trimmed)) return "INR";
  if (/^dollars?$/i.test(trimmed)) return "USD";
  if (/^euros?$/i.test(trimmed)) return "EUR";
  if (/^pounds?$/i.test(trimmed)) return "GBP";
  return trimmed.toUpperCase();
}

export function extractAmounts(text: string): Amount[] {
  const found: (Amount & { index: number })[] = [];
  for (const match of text.matchAll(BEFORE)) {
    const value = toNumber(match[2]!, match[3]);
    if (Number.isFinite(value))
      found.push({ value, currency: currencyOf(match[1]!), text: match[0].trim(), index: match.index });
  }
  for (const match of text.matchAll(AFTER)) {
    if (found.some((amount) => Math.abs(amount.index - match.index) < 3)) continue;
    const value = toNumber(match[1]!, match[2]);
    if (Number.isFinite(value))
      found.push({ value, currency: currencyOf(match[3]!), text: match[0].trim(), index: match.index });
  }
  return found.sort((a, b) => a.index - b.index).map(({ index: _index, ...amount }) => amount);
}
