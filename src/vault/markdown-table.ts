/**
 * @module The Markdown a person keeps and the code reads: the tables and lists under a `##` heading.
 * Tolerant of what people do to tables (missing outer pipes, extra spaces, escaped pipes, extra columns).
 */

export type TableRow = Record<string, string>;

/** The body of the section whose `##` heading starts with `heading` (case-insensitive), or undefined. */
export function section(markdown: string, heading: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const wanted = heading.trim().toLowerCase();
  const start = lines.findIndex((line) => /^##\s+/.test(line) && line.replace(/^##\s+/, "").trim().toLowerCase().startsWith(wanted));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && /^#{1,2}\s+/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

/** The cells of one table line: with or without outer pipes, padded, with `\|` inside a cell. */
export function splitTableRow(line: string): string[] {
  const trimmed = line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

export function isTableRow(line: string): boolean {
  return line.trim().includes("|");
}

/** `| --- | :---: |`: the line under a table's header (one dash is enough, as in GFM). */
export function isSeparatorRow(line: string): boolean {
  return /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line);
}

/** A cell's text: one line, pipes escaped, so the row stays one row. */
export function escapeCell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").trim();
}

export function renderTableRow(cells: readonly string[]): string {
  return `| ${cells.map(escapeCell).join(" | ")} |`;
}

/** Rows of the first table in `text`, keyed by the lower-cased header names. */
export function parseTable(text: string): TableRow[] {
  const lines = text.split(/\r?\n/);
  for (let index = 0; index + 1 < lines.length; index += 1) {
    const header = lines[index] ?? "";
    if (!isTableRow(header) || !isSeparatorRow(lines[index + 1] ?? "")) continue;
    const names = splitTableRow(header).map((name) => name.toLowerCase());
    const rows: TableRow[] = [];
    for (let rowIndex = index + 2; rowIndex < lines.length; rowIndex += 1) {
      const line = lines[rowIndex] ?? "";
      if (!isTableRow(line)) break;
      const values = splitTableRow(line);
      const row: TableRow = {};
      names.forEach((name, column) => (row[name] = values[column] ?? ""));
      rows.push(row);
    }
    return rows;
  }
  return [];
}

/** The `- item` lines of `text`. */
export function parseList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => /^\s*[-*+]\s+(.*)$/.exec(line)?.[1]?.trim())
    .filter((item): item is string => item !== undefined && item !== "");
}
