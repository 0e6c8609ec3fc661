/**
 * @module The books' notes: YAML front matter (emitted by the `yaml` library, never concatenated) over
 * a Markdown body for people.
 */
import { parse, stringify } from "yaml";
import { DataError } from "../../governance/errors/data-error.js";

export interface FrontMatterNote {
  data: unknown;
  body: string;
}

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
/** A hostile note should not make the parser expand a billion-laughs alias tree. */
const MAX_ALIASES = 50;

export function readFrontMatter(text: string, where: string): FrontMatterNote {
  const match = FRONT_MATTER.exec(text);
  if (!match)
    throw new DataError(
      `${where}: no front matter (the note must start and end its header with "---" lines)`,
    );
  try {
    return {
      data: parse(match[1] ?? "", { maxAliasCount: MAX_ALIASES }) as unknown,
      body: text.slice(match[0].length).replace(/^\r?\n/, ""),
    };
  } catch (error) {
    throw new DataError(
      `${where}: the front matter is not valid YAML (${(error as Error).message.split("\n")[0] ?? ""})`,
      { cause: error },
    );
  }
}

export function writeFrontMatter(data: Record<string, unknown>, body: string): string {
  return `---\n${stringify(data, { lineWidth: 0 })}---\n\n${body.replace(/^\n+/, "")}`;
}
