/**
 * @module The dry-run adapter of `LinkedInPoster`: renders the post that would have gone to LinkedIn
 * as Markdown in `Outbox/`, with the exact request body (little-text commentary included).
 */
import { stringify } from "yaml";
import type { Outbox } from "../../vault/outbox.js";
import { slug } from "../../vault/safe-name.js";
import { linkedInPostBody, type LinkedInPoster } from "./linkedin-poster.js";

export function createOutboxLinkedInPoster(outbox: Outbox, authorUrn: string): LinkedInPoster {
  return {
    async post(request) {
      const longest = Math.max(0, ...(request.text.match(/`+/g) ?? []).map((run) => run.length));
      const fence = "`".repeat(Math.max(3, longest + 1));
      const content = [
        "---",
        stringify({
          network: "linkedin",
          author: authorUrn,
          link: request.link ?? null,
          dry_run: true,
        }).trimEnd(),
        "---",
        "",
        "# LinkedIn post (dry run)",
        "",
        `${fence}text`,
        request.text,
        fence,
        "",
        "## Request body (POST /rest/posts)",
        "",
        "```json",
        JSON.stringify(linkedInPostBody(authorUrn, request), null, 2),
        "```",
        "",
      ].join("\n");
      return { dryRun: true, outboxPath: await outbox.write(`LINKEDIN_${slug(request.text)}.md`, content) };
    },
  };
}
