/**
 * @module A note: YAML front matter (through the `js-yaml` library, never string concatenation) and a
 * Markdown body. Malformed front matter is a DataError naming the file and the fix.
 */
import { CORE_SCHEMA, dump, load } from "js-yaml";
import { DataError } from "../governance/errors/data-error.js";

export interface Note {
  data: Record<string, unknown>;
  body: string;
}

const OPENING = /^\uFEFF?---\r?\n/;
const CLOSING = /\r?\n---[ \t]*(?:\r?\n|$)/;
/**
 * Aliases are not expanded when parsing, but anything that walks the data (a hash, a log line) would
 * expand a billion-laughs tree: front matter that unfolds into more values than this is refused.
 */
const MAX_VALUES = 100_000;

/** The number of values `data` unfolds into, counting aliases each time they are used, up to `limit + 1`. */
function unfoldedSize(data: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0 && count <= limit) {
    const value = stack.pop();
    count += 1;
    if (value !== null && typeof value === "object") stack.push(...(Object.values(value) as unknown[]));
  }
  return count;
}

export function parseNote(text: string, where: string): Note {
  const opening = OPENING.exec(text);
  if (!opening) throw new DataError(`${where}: no front matter (the note must start with a line "---")`);
  const rest = text.slice(opening[0].length);
  // An empty mapping closes on the very first line.
  const emptyClose = /^---[ \t]*(?:\r?\n|$)/.exec(rest);
  const closing = emptyClose ? undefined : CLOSING.exec(rest);
  if (!emptyClose && !closing) throw new DataError(`${where}: the front matter is not closed by a line "---"`);
  // The line break before the closing "---" ends the last value: a `|+` block keeps its final newlines.
  const yamlText = closing ? `${rest.slice(0, closing.index)}\n` : "";
  const afterClose = closing ? closing.index + closing[0].length : (emptyClose?.[0].length ?? 0);
  const body = rest.slice(afterClose).replace(/^\r?\n/, "");
  let data: unknown;
  try {
    data = yamlText.trim() === "" ? {} : load(yamlText, { schema: CORE_SCHEMA, filename: where });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new DataError(`${where}: the front matter is not valid YAML (${reason})`, { cause: error });
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new DataError(`${where}: the front matter must be a set of "key: value" lines`);
  }
  if (unfoldedSize(data, MAX_VALUES) > MAX_VALUES) {
    throw new DataError(`${where}: the front matter's aliases unfold into more than ${MAX_VALUES} values`);
  }
  return { data: data as Record<string, unknown>, body };
}

export function renderNote(note: Note): string {
  const yamlText = dump(note.data, { lineWidth: -1, schema: CORE_SCHEMA, noRefs: true, skipInvalid: true });
  return `---\n${yamlText}---\n\n${note.body.replace(/^\n+/, "")}`;
}

/** A fenced block that no content can close early: the fence is longer than any backtick run inside. */
export function fencedBlock(content: string, info: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(Math.max(4, longest + 1));
  return `${fence}${info}\n${content.replace(/\n*$/, "")}\n${fence}`;
}
