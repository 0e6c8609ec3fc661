/**
 * @module Money as people type it in a table: `1500`, `$1,500.00`, `1.500,00 €`, `-45.00`, `(45.00)`,
 * `USD 2,000`. Returns the number and, when a symbol or code says so, the currency.
 */

export interface ParsedAmount {
  value: number;
  currency: string | undefined;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  $: "USD",
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₹": "INR",
  "₽": "RUB",
  "₩": "KRW",
  "₺": "TRY",
  "₦": "NGN",
  R$: "BRL",
};

export function parseAmount(text: string): ParsedAmount | undefined {
  let rest = text.trim();
  if (rest === "") return undefined;
  let negative = false;
  if (/^\(.*\)$/.test(rest)) {
    negative = true;
    rest = rest.slice(1, -1).trim();
  }
  let currency: string | undefined;
  const code = /\b([A-Za-z]{3})\b/.exec(rest);
  if (code?.[1]) {
    currency = code[1].toUpperCase();
    rest = rest.replace(code[1], "");
  }
  for (const [symbol, iso] of Object.entries(SYMBOLS).sort((a, b) => b[0].length - a[0].length)) {
    if (rest.includes(symbol)) {
      currency ??= iso;
      rest = rest.replace(symbol, "");
      break;
    }
  }
  rest = rest.replace(/[\s\u00a0']/g, "");
  if (rest.startsWith("-") || rest.startsWith("−")) {
    negative = !negative;
    rest = rest.slice(1);
  } else if (rest.startsWith("+")) rest = rest.slice(1);
  const number = normalizeSeparators(rest);
  if (number === undefined) return undefined;
  const value = Number(number);
  if (!Number.isFinite(value)) return undefined;
  return { value: negative ? -value : value, currency };
}

/** The last of `.`/`,` is the decimal mark when both appear; a lone `,` is decimal before 1–2 digits. */
function normalizeSeparators(text: string): string | undefined {
  if (!/^\d[\d.,]*$/.test(text) && !/^[.,]\d+$/.test(text)) return undefined;
  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? "." : ",";
    const thousands = decimal === "." ? "," : ".";
    return text.split(thousands).join("").replace(decimal, ".");
  }
  if (lastComma >= 0) {
    const commas = text.split(",").length - 1;
    const decimals = text.length - lastComma - 1;
    return commas === 1 && decimals > 0 && decimals <= 2 ? text.replace(",", ".") : text.split(",").join("");
  }
  const dots = text.split(".").length - 1;
  // "1.500.000" is thousands; "1.500" stays one and a half: rates per word or minute are that small.
  return dots > 1 ? text.split(".").join("") : text;
}
