/**
 * @module The `post_instagram` tool: publishes an image with a caption (hashtags included) on the
 * business's Instagram professional account. A write tool: the approval gate decides before `run`.
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../tool-definition.js";
import type { InstagramPoster } from "./instagram-poster.js";
import { linksInText } from "../links-in-text.js";

export interface PostInstagramToolDeps {
  /** The Graph adapter, or the Outbox adapter in dry run: the tool does not know which. */
  poster: InstagramPoster;
}

/** Instagram's caption limits: characters, hashtags and @mentions. */
const MAX_CAPTION_CHARACTERS = 2_200;
const MAX_HASHTAGS = 30;
const MAX_MENTIONS = 20;

const input = z.object({
  image_url: z
    .url({ protocol: /^https$/ })
    .describe("A public https URL of a JPEG image; Instagram fetches it when the post is prepared."),
  caption: z
    .string()
    .trim()
    .max(MAX_CAPTION_CHARACTERS)
    .refine(
      (text) => (text.match(/#[\p{L}\p{N}_]+/gu) ?? []).length <= MAX_HASHTAGS,
      `at most ${MAX_HASHTAGS} hashtags`,
    )
    .refine(
      (text) => (text.match(/@[\w.]+/g) ?? []).length <= MAX_MENTIONS,
      `at most ${MAX_MENTIONS} @mentions`,
    )
    .describe("The caption, hashtags included (at most 2,200 characters, 30 hashtags, 20 @mentions)."),
});

export function createPostInstagramTool(deps: PostInstagramToolDeps): ToolDefinition {
  return defineTool({
    name: "post_instagram",
    title: "Post on Instagram",
    description:
      "Publishes an image post with a caption on the business's Instagram account. The image must be a public " +
      "https JPEG URL. Instagram allows 50 API posts per 24 hours.",
    input,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    effect: "write",
    facts(args) {
      return {
        category: "social_post",
        recipients: ["instagram"],
        scheduled: false,
        links: [...new Set([...linksInText(args.caption), args.image_url])],
        summary: `Instagram post: "${preview(args.caption)}"`,
      };
    },
    async run(args) {
      const outcome = await deps.poster.post({ imageUrl: args.image_url, caption: args.caption });
      if (outcome.dryRun) {
        return {
          text: `Dry run: the Instagram post was rendered to ${outcome.outboxPath}, not published.`,
          data: { outboxPath: outcome.outboxPath },
          dryRun: true,
        };
      }
      return {
        text: `Published on Instagram: ${outcome.url ?? `media ${outcome.id}`}`,
        data: { id: outcome.id, url: outcome.url, containerId: outcome.containerId },
      };
    },
  });
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line === "") return "(no caption)";
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
