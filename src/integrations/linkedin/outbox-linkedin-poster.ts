/**
 * @module The dry-run adapter of `LinkedInPoster`: renders the post that would have gone to LinkedIn
 * as Markdown in `Outbox/`, with the exact request body (little-text commentary included).
 */
import { fencedBlock, renderNote } from "../../vault/note.js";
import type { Outbox } from "../../vault/outbox.js";
import { slug } from "../../vault/safe-name.js";
import { linkedInPostBody, type LinkedInPoster } from "./linkedin-poster.js";

export function createOutboxLinkedInPoster(outbox: Outbox, authorUrn: string): LinkedInPoster {
  return {
    async post(request) {
      const body = [
        "# LinkedIn post (dry run)",
        "",
        fencedBlock(request.text, "text"),
        "",
        "## Request body (POST /rest/posts)",
        "",
        fencedBlock(JSON.stringify(linkedInPostBody(authorUrn, request), null, 2), "json"),
        "",
      ].join("\n");
      const frontMatter = {
        network: "linkedin",
        author: authorUrn,
        link: request.link ?? null,
        dry_run: true,
      };
      const content = renderNote({ data: frontMatter, body });
      return { dryRun: true, outboxPath: await outbox.write(`LINKEDIN_${slug(request.text)}.md`, content) };
    },
  };
}
