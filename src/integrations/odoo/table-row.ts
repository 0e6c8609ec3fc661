/**
 * @module One line of a Markdown table as people write it: with or without outer pipes, padded,
 * with `\|` inside a cell. Used for the two tables this integration reads and appends to
 * (`Accounting/Rates.md`, `Accounting/Transactions.md`).
 */

export function isTableRow(line: string): boolean {
  return line.trim().includes("|");
}

/** `| --- | :---: |`: the line under a table's header. */
export function isSeparatorRow(line: string): boolean {
  return /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/.test(line) && line.includes("-");
}

export function splitTableRow(line: string): string[] {
  const trimmed = line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

/** A cell's text: one line, pipes escaped, so the row stays one row. */
export function escapeCell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").trim();
}

export function renderTableRow(cells: readonly string[]): string {
  return `| ${cells.map(escapeCell).join(" | ")} |`;
}
