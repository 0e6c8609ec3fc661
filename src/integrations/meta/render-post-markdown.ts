/**
 * @module How a dry-run post looks in `Outbox/`: YAML front matter with the call's parameters, a
 * heading, and the text in a fence the text cannot close.
 */
import { fencedBlock, renderNote } from "../../vault/note.js";

export function renderPostMarkdown(
  frontMatter: Record<string, unknown>,
  heading: string,
  text: string,
): string {
  return renderNote({
    data: { ...frontMatter, dry_run: true },
    body: `# ${heading}\n\n${fencedBlock(text, "text")}\n`,
  });
}
