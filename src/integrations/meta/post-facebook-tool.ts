/**
 * @module The `post_facebook` tool: publishes (or schedules) a post on the business's Facebook Page —
 * text with an optional link, or an image by URL with the text as its caption. A write tool: the
 * approval gate decides before `run`; a scheduled post may be auto-approved by the Handbook.
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../tool-definition.js";
import type { FacebookPoster } from "./facebook-poster.js";
import { linksInText } from "../links-in-text.js";

export interface PostFacebookToolDeps {
  /** The Graph adapter, or the Outbox adapter in dry run: the tool does not know which. */
  poster: FacebookPoster;
}

/** Facebook's own ceiling for a post's text. */
const MAX_MESSAGE_CHARACTERS = 63_206;

const input = z
  .object({
    message: z
      .string()
      .trim()
      .min(1)
      .max(MAX_MESSAGE_CHARACTERS)
      .describe("The post's text (the caption of an image)."),
    link: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe("A link Facebook previews under the text."),
    image_url: z
      .url({ protocol: /^https$/ })
      .optional()
      .describe("A public https image URL to post as a photo; cannot be combined with link."),
    scheduled_publish_time: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("Publish later: an ISO 8601 time 10 minutes to 30 days ahead. Omit to publish now."),
  })
  .refine((args) => !(args.link && args.image_url), {
    message: "link and image_url cannot be combined; put the link in the message",
    path: ["image_url"],
  });

export function createPostFacebookTool(deps: PostFacebookToolDeps): ToolDefinition {
  return defineTool({
    name: "post_facebook",
    title: "Post on the Facebook Page",
    description:
      "Publishes a post on the business's Facebook Page now, or schedules it with scheduled_publish_time " +
      "(10 minutes to 30 days ahead). Text with an optional link, or a public image URL with the text as caption.",
    input,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    effect: "write",
    facts(args) {
      const links = [...linksInText(args.message), args.link, args.image_url].filter(
        (link) => link !== undefined,
      );
      const when = args.scheduled_publish_time ? ` scheduled for ${args.scheduled_publish_time}` : "";
      return {
        category: "social_post",
        recipients: ["facebook"],
        scheduled: args.scheduled_publish_time !== undefined,
        links: [...new Set(links)],
        summary: `Facebook Page post${when}: "${preview(args.message)}"`,
      };
    },
    async run(args) {
      const outcome = await deps.poster.post({
        message: args.message,
        ...(args.link ? { link: args.link } : {}),
        ...(args.image_url ? { imageUrl: args.image_url } : {}),
        ...(args.scheduled_publish_time
          ? { scheduledPublishTime: new Date(args.scheduled_publish_time) }
          : {}),
      });
      if (outcome.dryRun) {
        return {
          text: `Dry run: the Facebook post was rendered to ${outcome.outboxPath}, not published.`,
          data: { outboxPath: outcome.outboxPath },
          dryRun: true,
        };
      }
      return {
        text: outcome.scheduledFor
          ? `Scheduled on the Facebook Page for ${outcome.scheduledFor}: ${outcome.url}`
          : `Published on the Facebook Page: ${outcome.url}`,
        data: { id: outcome.id, url: outcome.url, scheduledFor: outcome.scheduledFor },
      };
    },
  });
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
