/**
 * @module The `post_x` tool: publishes a post or a reply on X, optionally with images from the vault.
 * It is a write tool: the approval gate decides before `run` is reached; a reply needs a person by the
 * Handbook's default, a fresh post may be auto-approved.
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../tool-definition.js";
import { linksInText } from "../links-in-text.js";
import type { MediaLoader } from "./vault-media-loader.js";
import { X_MAX_MEDIA_PER_POST, type XPoster } from "./x-poster.js";

export interface PostXToolDeps {
  /** The real adapter, or the Outbox adapter in dry run: the tool does not know which. */
  poster: XPoster;
  loadMedia: MediaLoader;
}

/** X Premium's ceiling; ordinary accounts stop at 280 weighted characters and X says so itself. */
const MAX_TEXT_CHARACTERS = 25_000;

const input = z.object({
  text: z.string().trim().min(1).max(MAX_TEXT_CHARACTERS).describe("The post's text, as it will appear."),
  in_reply_to_tweet_id: z
    .string()
    .regex(/^\d{1,20}$/, "a numeric post id")
    .optional()
    .describe("Reply to this post (its numeric id) instead of posting on the timeline."),
  media_paths: z
    .array(z.string().min(1))
    .max(X_MAX_MEDIA_PER_POST)
    .optional()
    .describe("Vault-relative paths of up to 4 JPEG, PNG, WebP or GIF images to attach."),
});

function preview(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

export function createPostXTool(deps: PostXToolDeps): ToolDefinition {
  return defineTool({
    name: "post_x",
    title: "Post on X",
    description:
      "Publishes a post on the business's X account, or a reply when in_reply_to_tweet_id is given. " +
      "Keep the text within 280 characters unless the account has X Premium. Images are vault paths. " +
      "X refuses a post identical to one already published.",
    input,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    effect: "write",
    facts(args) {
      const reply = args.in_reply_to_tweet_id !== undefined;
      return {
        category: reply ? "social_reply" : "social_post",
        recipients: ["x"],
        scheduled: false,
        links: linksInText(args.text),
        summary: reply
          ? `Reply on X to post ${args.in_reply_to_tweet_id}: "${preview(args.text)}"`
          : `Post on X: "${preview(args.text)}"`,
      };
    },
    async run(args) {
      const media = await Promise.all((args.media_paths ?? []).map((vaultPath) => deps.loadMedia(vaultPath)));
      const outcome = await deps.poster.post({
        text: args.text,
        ...(args.in_reply_to_tweet_id ? { inReplyToTweetId: args.in_reply_to_tweet_id } : {}),
        ...(media.length > 0 ? { media } : {}),
      });
      if (outcome.dryRun) {
        return {
          text: `Dry run: the X ${args.in_reply_to_tweet_id ? "reply" : "post"} was rendered to ${outcome.outboxPath}, not published.`,
          data: { outboxPath: outcome.outboxPath },
          dryRun: true,
        };
      }
      return {
        text: `Published on X: ${outcome.url}`,
        data: { id: outcome.id, url: outcome.url },
      };
    },
  });
}
