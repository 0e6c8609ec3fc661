/**
 * @module The dry-run adapter of `XPoster`: renders the post that would have gone to X as a Markdown
 * file in `Outbox/`, so a person sees exactly what would have been published.
 */
import { stringify } from "yaml";
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
      const content = [
        "---",
        stringify(frontMatter).trimEnd(),
        "---",
        "",
        `# ${heading}`,
        "",
        fenced(request.text),
        "",
        ...(media.length > 0
          ? ["## Media", "", ...media.map((file) => `- ${file.name} (${file.mediaType})`), ""]
          : []),
      ].join("\n");
      const outboxPath = await outbox.write(`X_${slug(request.text)}.md`, content);
      return { dryRun: true, outboxPath };
    },
  };
}

/** A fence longer than any backtick run in the text, so the post cannot close it early. */
function fenced(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}
