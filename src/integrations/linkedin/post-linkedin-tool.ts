/**
 * @module The `post_linkedin` tool: publishes a public post about the business on LinkedIn, optionally
 * with an article link. A write tool: the approval gate decides before `run` is reached.
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../tool-definition.js";
import type { LinkedInPoster } from "./linkedin-poster.js";
import { linksInText } from "../links-in-text.js";

export interface PostLinkedInToolDeps {
  /** The Posts API adapter, or the Outbox adapter in dry run: the tool does not know which. */
  poster: LinkedInPoster;
}

/** LinkedIn's limit for a post's commentary. */
const MAX_TEXT_CHARACTERS = 3_000;

const input = z.object({
  text: z
    .string()
    .trim()
    .min(1)
    .max(MAX_TEXT_CHARACTERS)
    .describe("The post's text; #hashtags stay hashtags."),
  link: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("An article link shown as a card under the text."),
  link_title: z
    .string()
    .trim()
    .min(1)
    .max(400)
    .optional()
    .describe("The card's title (defaults to the link)."),
});

export function createPostLinkedInTool(deps: PostLinkedInToolDeps): ToolDefinition {
  return defineTool({
    name: "post_linkedin",
    title: "Post on LinkedIn",
    description:
      "Publishes a public post on LinkedIn as the configured person or company Page, optionally with an " +
      "article link card. Up to 3,000 characters.",
    input,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    effect: "write",
    facts(args) {
      const links = [...linksInText(args.text), ...(args.link ? [args.link] : [])];
      return {
        category: "social_post",
        recipients: ["linkedin"],
        scheduled: false,
        links: [...new Set(links)],
        summary: `LinkedIn post: "${preview(args.text)}"`,
      };
    },
    async run(args) {
      const outcome = await deps.poster.post({
        text: args.text,
        ...(args.link ? { link: args.link } : {}),
        ...(args.link_title ? { linkTitle: args.link_title } : {}),
      });
      if (outcome.dryRun) {
        return {
          text: `Dry run: the LinkedIn post was rendered to ${outcome.outboxPath}, not published.`,
          data: { outboxPath: outcome.outboxPath },
          dryRun: true,
        };
      }
      return { text: `Published on LinkedIn: ${outcome.url}`, data: { urn: outcome.urn, url: outcome.url } };
    },
  });
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
