/**
 * @module A few top-level fields of front matter read without a YAML parse, for scanning thousands of
 * notes: the `yaml` library takes about a millisecond per note, which alone would blow the briefing's time
 * budget over a year of history. Only the forms the employee writes (plain, double- or single-quoted
 * one-line scalars, and lists of them) are read here; any other form of a wanted field — a block scalar,
 * a flow collection, an anchor, a multi-line value — returns undefined, and the caller parses the YAML.
 */

export type SimpleValue = string | string[] | null;

const KEY_LINE = /^([A-Za-z_][\w-]*):(?:[ \t]+(.*?))?[ \t]*$/;
const LIST_ITEM = /^[ \t]+-[ \t]+(.*?)[ \t]*$/;
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);

/** One-line scalar → string or null; undefined when only a YAML parser can say. */
function scalar(text: string): string | null | undefined {
  if (text.startsWith('"')) {
    if (text.length < 2 || !text.endsWith('"')) return undefined;
    try {
      // YAML's double-quoted escapes are JSON's plus a few more; those few fall back.
      const value: unknown = JSON.parse(text);
      return typeof value === "string" ? value : undefined;
    } catch {
      return undefined;
    }
  }
  if (text.startsWith("'")) {
    const inner = text.slice(1, -1);
    if (text.length < 2 || !text.endsWith("'") || inner.replace(/''/g, "").includes("'")) return undefined;
    return inner.replace(/''/g, "'");
  }
  if (/^[[\]{}|>&*!%@`#,?]/.test(text) || text.includes(" #") || /:(\s|$)/.test(text)) return undefined;
  return NULLS.has(text) ? null : text;
}

/** The `wanted` top-level fields of a note's head (text up to the closing `---`), or undefined. */
export function readSimpleFields(
  head: string,
  wanted: readonly string[],
): Record<string, SimpleValue> | undefined {
  const lines = head.replace(/^\uFEFF?---\r?\n/, "").split(/\r?\n/);
  const fields: Record<string, SimpleValue> = {};
  for (let index = 0; index < lines.length; index += 1) {
    const match = KEY_LINE.exec(lines[index]!);
    if (!match || !wanted.includes(match[1]!)) continue;
    const key = match[1]!;
    if (Object.hasOwn(fields, key)) return undefined;
    const continuation: string[] = [];
    while (index + 1 < lines.length && /^[ \t]/.test(lines[index + 1]!)) {
      continuation.push(lines[index + 1]!);
      index += 1;
    }
    const text = match[2] ?? "";
    if (text === "[]" && continuation.length === 0) {
      fields[key] = [];
    } else if (text === "" && continuation.length > 0) {
      const items: string[] = [];
      for (const line of continuation) {
        const item = LIST_ITEM.exec(line);
        const value = item ? scalar(item[1]!) : undefined;
        if (typeof value !== "string") return undefined;
        items.push(value);
      }
      fields[key] = items;
    } else {
      const value = scalar(text);
      if (value === undefined || continuation.length > 0) return undefined;
      fields[key] = value;
    }
  }
  return fields;
}
