/**
 * @module The LinkedIn part of the weekly social summary: the author's posts of the last seven days
 * (`GET /rest/posts?q=author`) with their reactions and comments (`GET /rest/socialMetadata/{urn}`).
 * Views need LinkedIn's analytics products, which a plain posting app does not have, so impressions
 * and reach are null.
 */
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import type { LinkedInClient } from "./linkedin-client.js";
import { SOCIAL_SUMMARY_DAYS, summaryText, type SocialWeeklyMetrics } from "../social-weekly-metrics.js";

/** Posts per page, and pages read: 100 posts a week is far beyond a small business. */
const PAGE_SIZE = 50;
const MAX_PAGES = 2;

const postsPage = z.object({
  elements: z.array(
    z
      .object({
        id: z.string(),
        commentary: z.string().optional(),
        publishedAt: z.number().optional(),
        createdAt: z.number().optional(),
        lifecycleState: z.string().optional(),
      })
      .loose(),
  ),
  paging: z.object({ start: z.number(), count: z.number(), total: z.number().optional() }).loose().optional(),
});
const socialMetadata = z
  .object({
    reactionSummaries: z.record(z.string(), z.object({ count: z.number() }).loose()).default({}),
    commentSummary: z.object({ count: z.number() }).loose().optional(),
  })
  .loose();

export interface LinkedInWeeklyMetricsDeps {
  client: LinkedInClient;
  authorUrn: string;
  now: () => Date;
}

export async function fetchLinkedInWeeklyMetrics(
  deps: LinkedInWeeklyMetricsDeps,
): Promise<SocialWeeklyMetrics> {
  const { client, authorUrn } = deps;
  const until = deps.now();
  const since = new Date(until.getTime() - SOCIAL_SUMMARY_DAYS * 24 * 60 * 60 * 1000);
  const what = "reading LinkedIn figures for the weekly summary";

  const posts: { id: string; text: string }[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await client.send({
      method: "GET",
      path: "/rest/posts",
      query: {
        author: authorUrn,
        q: "author",
        count: PAGE_SIZE,
        start: page * PAGE_SIZE,
        sortBy: "LAST_MODIFIED",
      },
      restliMethod: "FINDER",
      what,
    });
    const parsed = postsPage.safeParse(response.body);
    if (!parsed.success)
      throw new DataError(
        `LinkedIn answered the list of posts with an unexpected shape: ${parsed.error.message}`,
      );
    for (const post of parsed.data.elements) {
      const time = post.publishedAt ?? post.createdAt ?? 0;
      if (post.lifecycleState === "PUBLISHED" && time >= since.getTime() && time <= until.getTime()) {
        posts.push({ id: post.id, text: post.commentary ?? "" });
      }
    }
    if (parsed.data.elements.length < PAGE_SIZE) break;
  }

  const engagements = new Map<string, number>();
  for (const post of posts) {
    const response = await client.send({
      method: "GET",
      path: `/rest/socialMetadata/${encodeURIComponent(post.id)}`,
      what,
    });
    const parsed = socialMetadata.safeParse(response.body);
    const reactions = parsed.success
      ? Object.values(parsed.data.reactionSummaries).reduce((sum, item) => sum + item.count, 0)
      : 0;
    engagements.set(post.id, reactions + (parsed.success ? (parsed.data.commentSummary?.count ?? 0) : 0));
  }

  const top = posts.reduce<{ id: string; text: string } | undefined>(
    (best, post) =>
      best === undefined || (engagements.get(post.id) ?? 0) > (engagements.get(best.id) ?? 0) ? post : best,
    undefined,
  );
  return {
    network: "linkedin",
    since: since.toISOString(),
    until: until.toISOString(),
    posts: posts.length,
    impressions: null,
    reach: null,
    engagements: [...engagements.values()].reduce((sum, value) => sum + value, 0),
    topPost: top
      ? {
          id: top.id,
          url: `https://www.linkedin.com/feed/update/${top.id}/`,
          text: summaryText(fromLittleText(top.text)),
          engagements: engagements.get(top.id) ?? 0,
        }
      : null,
    mentionsNeedingReply: null,
  };
}

/** The commentary as a person reads it: hashtag templates back to `#tag`, escapes removed. */
function fromLittleText(text: string): string {
  return text.replace(/\{hashtag\|\\#\|([^}]*)\}/g, "#$1").replace(/\\(.)/g, "$1");
}
