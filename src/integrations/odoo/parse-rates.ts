/**
 * @module Reads `Accounting/Rates.md` (written by the core's init: `| Service | Unit | Rate | Currency |`),
 * tolerant of what a person does to it: extra or reordered columns, blank lines inside the table,
 * `$1,500.00`, a missing currency cell when the rate carries a symbol, several tables, text around them.
 * Rows whose rate cannot be read are left out rather than guessed.
 */
import { parseAmount } from "./parse-amount.js";
import { isSeparatorRow, isTableRow, splitTableRow } from "../../vault/markdown-table.js";

export interface Rate {
  service: string;
  unit: string;
  rate: number;
  currency: string;
}

const SERVICE_COLUMNS = ["service", "item", "description", "product"];
const RATE_COLUMNS = ["rate", "price", "amount", "fee"];

export function parseRates(markdown: string, defaultCurrency = "USD"): Rate[] {
  const lines = markdown.split(/\r?\n/);
  const rates: Rate[] = [];
  let columns: { service: number; unit: number; rate: number; currency: number } | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    if (line.trim() === "") continue;
    if (!isTableRow(line)) {
      columns = undefined;
      continue;
    }
    if (isSeparatorRow(line)) continue;
    if (isSeparatorRow(lines[index + 1] ?? "")) {
      columns = headerColumns(splitTableRow(line));
      continue;
    }
    if (!columns) continue;
    const cells = splitTableRow(line);
    const service = cells[columns.service]?.replace(/\*\*|__/g, "").trim() ?? "";
    const amount = parseAmount(cells[columns.rate] ?? "");
    if (service === "" || amount === undefined || amount.value < 0) continue;
    const currencyCell = columns.currency >= 0 ? (cells[columns.currency] ?? "").trim().toUpperCase() : "";
    rates.push({
      service,
      unit: columns.unit >= 0 ? (cells[columns.unit] ?? "").trim() : "",
      rate: amount.value,
      currency: /^[A-Z]{3}$/.test(currencyCell) ? currencyCell : (amount.currency ?? defaultCurrency),
    });
  }
  return rates;
}

function headerColumns(names: string[]) {
  const lower = names.map((name) => name.toLowerCase().replace(/[*_]/g, "").trim());
  const find = (candidates: string[]) =>
    lower.findIndex((name) => candidates.some((candidate) => name.startsWith(candidate)));
  const service = find(SERVICE_COLUMNS);
  const rate = find(RATE_COLUMNS);
  if (service < 0 || rate < 0) return undefined;
  return { service, rate, unit: find(["unit", "per"]), currency: find(["currency", "cur"]) };
}
