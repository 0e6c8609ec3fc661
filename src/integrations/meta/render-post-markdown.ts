/**
 * @module How a dry-run post looks in `Outbox/`: YAML front matter with the call's parameters, a
 * heading, and the text in a fence the text cannot close.
 */
import { stringify } from "yaml";

export function renderPostMarkdown(
  frontMatter: Record<string, unknown>,
  heading: string,
  text: string,
): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [
    "---",
    stringify({ ...frontMatter, dry_run: true }).trimEnd(),
    "---",
    "",
    `# ${heading}`,
    "",
    `${fence}text`,
    text,
    fence,
    "",
  ].join("\n");
}
