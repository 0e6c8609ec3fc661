/** The front matter of a note as the product reads it, for assertions. */
import { parseNote } from "../../src/vault/note.js";

export function frontMatter(text: string): Record<string, unknown> {
  return parseNote(text, "test note").data;
}
