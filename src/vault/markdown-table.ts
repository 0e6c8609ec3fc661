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

function cells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

// GFM needs only one dash per cell (`|-|:-:|`), and Obsidian draws such a table.
const SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** Rows of the first table in `text`, keyed by the lower-cased header names. */
export function parseTable(text: string): TableRow[] {
  const lines = text.split(/\r?\n/);
  for (let index = 0; index + 1 < lines.length; index += 1) {
    const header = lines[index] ?? "";
    if (!header.includes("|") || !SEPARATOR.test(lines[index + 1] ?? "")) continue;
    const names = cells(header).map((name) => name.toLowerCase());
    const rows: TableRow[] = [];
    for (let rowIndex = index + 2; rowIndex < lines.length; rowIndex += 1) {
      const line = lines[rowIndex] ?? "";
      if (!line.includes("|")) break;
      const values = cells(line);
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
