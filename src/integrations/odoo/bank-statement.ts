/**
 * @module A bank statement CSV (as banks export them: a header row naming Date, Description and Amount,
 * or Debit/Credit columns; commas or semicolons; quoted fields) read into transaction rows, each with a
 * reference derived from its content so the same line is never imported twice.
 */
import { createHash } from "node:crypto";
import { DataError } from "../../governance/errors/data-error.js";
import type { TransactionRow } from "./transactions-ledger.js";

/** A statement longer than this is not a month of a small business's bank lines. */
export const MAX_STATEMENT_LINES = 20_000;

function splitCsvLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === separator) {
      cells.push(cell.trim());
      cell = "";
    } else cell += character;
  }
  cells.push(cell.trim());
  return cells;
}

function amountOf(text: string): number | undefined {
  const cleaned = text.replace(/[^\d,.\-()]/g, "");
  if (cleaned === "") return undefined;
  const negative = /^\(.*\)$/.test(cleaned) || cleaned.startsWith("-");
  // "1.234,56" (European) and "1,234.56" both become 1234.56.
  const normal = /,\d{1,2}$/.test(cleaned)
    ? cleaned.replace(/\./g, "").replace(",", ".")
    : cleaned.replace(/,/g, "");
  const value = Number(normal.replace(/[()-]/g, ""));
  return Number.isFinite(value) ? (negative ? -value : value) : undefined;
}

function isoDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const dayFirst = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  if (dayFirst) return `${dayFirst[3]}-${dayFirst[2]!.padStart(2, "0")}-${dayFirst[1]!.padStart(2, "0")}`;
  return undefined;
}

export function parseBankStatement(csv: string, currency: string, where: string): TransactionRow[] {
  const lines = csv
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");
  if (lines.length > MAX_STATEMENT_LINES)
    throw new DataError(
      `${where}: ${lines.length} lines is more than a statement has (at most ${MAX_STATEMENT_LINES})`,
    );
  const header = lines[0] ?? "";
  const separator = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ";" : ",";
  const names = splitCsvLine(header, separator).map((name) => name.toLowerCase());
  const find = (...candidates: string[]) =>
    names.findIndex((name) => candidates.some((candidate) => name.includes(candidate)));
  const date = find("date");
  const description = find("description", "details", "narrative", "memo", "payee", "text");
  const amount = find("amount");
  const debit = find("debit", "withdrawal", "paid out");
  const credit = find("credit", "deposit", "paid in");
  const reference = find("reference", "transaction id", "id");
  if (date < 0 || (amount < 0 && debit < 0 && credit < 0)) {
    throw new DataError(
      `${where}: the first row must name a Date column and an Amount (or Debit and Credit) column`,
    );
  }
  const rows: TransactionRow[] = [];
  for (const [index, line] of lines.slice(1).entries()) {
    const cells = splitCsvLine(line, separator);
    const day = isoDate(cells[date] ?? "");
    const value =
      amount >= 0
        ? amountOf(cells[amount] ?? "")
        : (amountOf(cells[credit] ?? "") ?? 0) - (amountOf(cells[debit] ?? "") ?? 0);
    if (day === undefined || value === undefined)
      throw new DataError(`${where}, line ${index + 2}: cannot read the date or the amount`);
    const text = description >= 0 ? (cells[description] ?? "") : "";
    const own = reference >= 0 ? (cells[reference] ?? "") : "";
    const digest = createHash("sha256")
      .update(`${day}|${text}|${value}|${own}|${index}`)
      .digest("hex")
      .slice(0, 12);
    rows.push({
      date: day,
      description: text || "bank line",
      amount: value,
      currency,
      reference: own ? `BANK-${own}` : `BANK-${digest}`,
    });
  }
  return rows;
}
