/**
 * @module The dry-run adapter of `FacebookPoster`: renders the Page post that would have been published
 * (or scheduled) as Markdown in `Outbox/`. The schedule window is checked as the real adapter would.
 */
import type { Outbox } from "../../vault/outbox.js";
import { slug } from "../../vault/safe-name.js";
import { checkScheduledPublishTime, type FacebookPoster } from "./facebook-poster.js";
import { renderPostMarkdown } from "./render-post-markdown.js";

export function createOutboxFacebookPoster(outbox: Outbox, now: () => Date): FacebookPoster {
  return {
    async post(request) {
      if (request.scheduledPublishTime) checkScheduledPublishTime(request.scheduledPublishTime, now());
      const scheduled = request.scheduledPublishTime?.toISOString() ?? null;
      const content = renderPostMarkdown(
        {
          network: "facebook",
          endpoint: request.imageUrl ? "photos" : "feed",
          link: request.link ?? null,
          image_url: request.imageUrl ?? null,
          scheduled_publish_time: scheduled,
        },
        scheduled
          ? `Facebook Page post scheduled for ${scheduled} (dry run)`
          : "Facebook Page post (dry run)",
        request.message,
      );
      return {
        dryRun: true,
        outboxPath: await outbox.write(`FACEBOOK_${slug(request.message)}.md`, content),
      };
    },
  };
}
