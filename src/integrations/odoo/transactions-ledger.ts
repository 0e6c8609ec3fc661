/**
 * @module `Accounting/Transactions.md`: one Markdown table (Date | Description | Amount | Currency |
 * Reference) that the employee appends to and a person may edit. Appending inserts rows after the last
 * row of that table and leaves every other byte of the file as the person left it (text after the
 * table, their own rows, extra columns, reordered columns). A row whose reference is already in the
 * table is not appended again, so a retried post or payment cannot count twice.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { lock } from "proper-lockfile";
import { writeFileAtomic } from "../../vault/atomic-write.js";
import { LOCKS_FOLDER, TRANSACTIONS_FILE } from "./accounting-paths.js";
import { parseAmount } from "./parse-amount.js";
import { isSeparatorRow, isTableRow, renderTableRow, splitTableRow } from "../../vault/markdown-table.js";

export interface TransactionRow {
  date: string;
  description: string;
  /** Money in is positive, money out negative. */
  amount: number;
  currency: string;
  reference: string;
}

const COLUMNS = ["Date", "Description", "Amount", "Currency", "Reference"] as const;

const NEW_FILE = `# Transactions

Money in and out, one row per posted invoice, payment received or bank line. The employee appends rows;
edit or add your own freely, but keep the column names.

${renderTableRow(COLUMNS)}
| ---- | ----------- | ------ | -------- | --------- |
`;

/** Another writer (the finance watcher, an MCP server) holds the lock for milliseconds; about 5 s of
 * retries means it is stuck. */
const LOCK_RETRIES = { retries: 80, factor: 1.2, minTimeout: 5, maxTimeout: 80 };
/** A lock older than this belongs to a process that died mid-write. */
const LOCK_STALE_MS = 10_000;

export async function appendTransactions(vaultRoot: string, rows: readonly TransactionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const file = path.join(vaultRoot, TRANSACTIONS_FILE);
  const lockDirectory = path.join(vaultRoot, LOCKS_FOLDER);
  await mkdir(lockDirectory, { recursive: true });
  await mkdir(path.dirname(file), { recursive: true });
  const release = await lock(file, {
    realpath: false,
    lockfilePath: path.join(lockDirectory, "transactions.lock"),
    retries: LOCK_RETRIES,
    stale: LOCK_STALE_MS,
  });
  try {
    const current = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    const next = appendTransactionRows(current, rows);
    if (next !== current) await writeFileAtomic(file, next);
  } finally {
    await release();
  }
}

export async function readTransactions(vaultRoot: string): Promise<TransactionRow[]> {
  try {
    return parseTransactions(await readFile(path.join(vaultRoot, TRANSACTIONS_FILE), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

interface LedgerTable {
  /** Lower-cased header names in the person's order. */
  names: string[];
  /** Index of the last line that belongs to the table. */
  last: number;
  rows: string[][];
}

function findTable(lines: readonly string[]): LedgerTable | undefined {
  for (let index = 0; index + 1 < lines.length; index += 1) {
    const header = lines[index] ?? "";
    if (!isTableRow(header) || !isSeparatorRow(lines[index + 1] ?? "")) continue;
    const names = splitTableRow(header).map((name) => name.toLowerCase());
    if (!names.includes("date") || !names.includes("amount")) continue;
    let last = index + 1;
    const rows: string[][] = [];
    while (
      last + 1 < lines.length &&
      isTableRow(lines[last + 1] ?? "") &&
      !isSeparatorRow(lines[last + 1] ?? "")
    ) {
      last += 1;
      rows.push(splitTableRow(lines[last] ?? ""));
    }
    return { names, last, rows };
  }
  return undefined;
}

/** Pure: the file's next text with `rows` appended (or a new file when `markdown` is undefined). */
export function appendTransactionRows(markdown: string | undefined, rows: readonly TransactionRow[]): string {
  const text = markdown ?? NEW_FILE;
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  let table = findTable(lines);
  if (!table) {
    // The person removed the table: start a new one at the end, leave what they wrote.
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    lines.push("", renderTableRow(COLUMNS), "| ---- | ----------- | ------ | -------- | --------- |", "");
    table = findTable(lines);
    if (!table) return text;
  }
  const referenceColumn = table.names.indexOf("reference");
  const known = new Set(
    table.rows.map((cells) => (referenceColumn >= 0 ? (cells[referenceColumn] ?? "") : "")).filter(Boolean),
  );
  const fresh = rows.filter((row) => row.reference === "" || !known.has(row.reference));
  if (fresh.length === 0) return text;
  const rendered = fresh.map((row) => renderTableRow(table.names.map((name) => cellFor(name, row))));
  lines.splice(table.last + 1, 0, ...rendered);
  return lines.join(newline);
}

function cellFor(name: string, row: TransactionRow): string {
  switch (name) {
    case "date":
      return row.date;
    case "description":
      return row.description;
    case "amount":
      return row.amount.toFixed(2);
    case "currency":
      return row.currency;
    case "reference":
      return row.reference;
    default:
      return "";
  }
}

export function parseTransactions(markdown: string): TransactionRow[] {
  const table = findTable(markdown.split(/\r?\n/));
  if (!table) return [];
  const column = (name: string) => table.names.indexOf(name);
  const [date, description, amount, currency, reference] = [
    "date",
    "description",
    "amount",
    "currency",
    "reference",
  ].map(column);
  const rows: TransactionRow[] = [];
  for (const cells of table.rows) {
    const parsed = parseAmount(cells[amount ?? -1] ?? "");
    const day = (cells[date ?? -1] ?? "").trim();
    if (parsed === undefined || day === "") continue;
    rows.push({
      date: day,
      description: cells[description ?? -1] ?? "",
      amount: parsed.value,
      currency: ((cells[currency ?? -1] ?? "").trim().toUpperCase() || parsed.currency) ?? "",
      reference: cells[reference ?? -1] ?? "",
    });
  }
  return rows;
}
