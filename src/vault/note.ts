/**
 * @module A note: YAML front matter (through the `yaml` library, never string concatenation) and a
 * Markdown body. Malformed front matter is a DataError naming the file and the fix.
 */
import { parse, stringify } from "yaml";
import { DataError } from "../governance/errors/data-error.js";

export interface Note {
  data: Record<string, unknown>;
  body: string;
}

const OPENING = /^\uFEFF?---\r?\n/;
const CLOSING = /\r?\n---[ \t]*(?:\r?\n|$)/;
/** A hostile note should not make the parser expand a billion-laughs alias tree. */
const MAX_ALIASES = 50;

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
    data = yamlText.trim() === "" ? {} : parse(yamlText, { schema: "core", maxAliasCount: MAX_ALIASES, uniqueKeys: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new DataError(`${where}: the front matter is not valid YAML (${reason})`, { cause: error });
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new DataError(`${where}: the front matter must be a set of "key: value" lines`);
  }
  return { data: data as Record<string, unknown>, body };
}

export function renderNote(note: Note): string {
  const yamlText = stringify(note.data, { lineWidth: 0, schema: "core" });
  return `---\n${yamlText}---\n\n${note.body.replace(/^\n+/, "")}`;
}

/** A fenced block that no content can close early: the fence is longer than any backtick run inside. */
export function fencedBlock(content: string, info: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(Math.max(4, longest + 1));
  return `${fence}${info}\n${content.replace(/\n*$/, "")}\n${fence}`;
}
