/**
 * @module The dry-run adapter of `InstagramPoster`: renders the image post that would have been
 * published as Markdown in `Outbox/`.
 */
import type { Outbox } from "../../vault/outbox.js";
import { slug } from "../../vault/safe-name.js";
import type { InstagramPoster } from "./instagram-poster.js";
import { renderPostMarkdown } from "./render-post-markdown.js";

export function createOutboxInstagramPoster(outbox: Outbox): InstagramPoster {
  return {
    async post(request) {
      const content = renderPostMarkdown(
        { network: "instagram", image_url: request.imageUrl },
        "Instagram post (dry run)",
        request.caption,
      );
      return {
        dryRun: true,
        outboxPath: await outbox.write(`INSTAGRAM_${slug(request.caption)}.md`, content),
      };
    },
  };
}
