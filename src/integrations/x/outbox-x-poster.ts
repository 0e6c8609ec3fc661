/**
 * @module The dry-run adapter of `XPoster`: renders the post that would have gone to X as a Markdown
 * file in `Outbox/`, so a person sees exactly what would have been published.
 */
import { fencedBlock, renderNote } from "../../vault/note.js";
import type { Outbox } from "../../vault/outbox.js";
import { slug } from "../../vault/safe-name.js";
import type { XPoster } from "./x-poster.js";

export function createOutboxXPoster(outbox: Outbox): XPoster {
  return {
    async post(request) {
      const media = request.media ?? [];
      const frontMatter = {
        network: "x",
        action: request.inReplyToTweetId ? "reply" : "post",
        in_reply_to_tweet_id: request.inReplyToTweetId ?? null,
        media: media.map((file) => ({ name: file.name, type: file.mediaType, bytes: file.data.byteLength })),
        dry_run: true,
      };
      const heading = request.inReplyToTweetId
        ? `Reply on X to post ${request.inReplyToTweetId} (dry run)`
        : "Post on X (dry run)";
      const body = [
        `# ${heading}`,
        "",
        fencedBlock(request.text, "text"),
        "",
        ...(media.length > 0
          ? ["## Media", "", ...media.map((file) => `- ${file.name} (${file.mediaType})`), ""]
          : []),
      ].join("\n");
      const content = renderNote({ data: frontMatter, body });
      const outboxPath = await outbox.write(`X_${slug(request.text)}.md`, content);
      return { dryRun: true, outboxPath };
    },
  };
}
