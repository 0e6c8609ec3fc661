/**
 * @module The Facebook Page part of the weekly social summary: the Page's posts of the last seven days
 * with their reactions, comments and shares, plus the Page's media views (`page_media_view`) and unique
 * viewers (`page_total_media_view_unique`), the metrics Meta names as successors of the retired
 * impressions and reach. A figure Meta no longer offers becomes null rather than failing the summary.
 */
import { z } from "zod";
import { graphInsights, graphPage } from "./graph-schemas.js";
import { DataError } from "../../governance/errors/data-error.js";
import type { GraphClient } from "./graph-client.js";
import { SOCIAL_SUMMARY_DAYS, summaryText, type SocialWeeklyMetrics } from "../social-weekly-metrics.js";

/** 5 pages of 100 posts is far beyond a small business's week; it bounds the cost. */
const MAX_PAGES = 5;

const post = z
  .object({
    id: z.string(),
    message: z.string().optional(),
    created_time: z.string().optional(),
    permalink_url: z.string().optional(),
    reactions: z
      .object({ summary: z.object({ total_count: z.number() }).loose().optional() })
      .loose()
      .optional(),
    comments: z
      .object({ summary: z.object({ total_count: z.number() }).loose().optional() })
      .loose()
      .optional(),
    shares: z.object({ count: z.number() }).loose().optional(),
  })
  .loose();
const postsPage = graphPage(post);

export interface FacebookWeeklyMetricsDeps {
  graph: GraphClient;
  pageId: string;
  now: () => Date;
}

export async function fetchFacebookWeeklyMetrics(
  deps: FacebookWeeklyMetricsDeps,
): Promise<SocialWeeklyMetrics> {
  const { graph, pageId } = deps;
  const until = deps.now();
  const since = new Date(until.getTime() - SOCIAL_SUMMARY_DAYS * 24 * 60 * 60 * 1000);
  const window = { since: Math.floor(since.getTime() / 1000), until: Math.floor(until.getTime() / 1000) };
  const what = "reading Facebook Page figures for the weekly summary";

  const posts: z.infer<typeof post>[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = parsePage(
      postsPage,
      await graph.get(
        `${pageId}/posts`,
        {
          fields:
            "id,message,created_time,permalink_url,reactions.limit(0).summary(true),comments.limit(0).summary(true),shares",
          ...window,
          limit: 100,
          after,
        },
        what,
      ),
    );
    posts.push(...answer.data);
    after = answer.paging?.cursors?.after;
    if (!answer.paging?.next || !after) break;
  }

  const engagementsOf = (item: z.infer<typeof post>) =>
    (item.reactions?.summary?.total_count ?? 0) +
    (item.comments?.summary?.total_count ?? 0) +
    (item.shares?.count ?? 0);
  const top = posts.reduce<z.infer<typeof post> | undefined>(
    (best, item) => (best === undefined || engagementsOf(item) > engagementsOf(best) ? item : best),
    undefined,
  );

  const views = graphInsights.safeParse(
    await graph.getOptional(
      `${pageId}/insights`,
      { metric: "page_media_view", period: "day", ...window },
      what,
    ),
  );
  const viewers = graphInsights.safeParse(
    await graph.getOptional(
      `${pageId}/insights`,
      { metric: "page_total_media_view_unique", period: "week", ...window },
      what,
    ),
  );

  return {
    network: "facebook",
    since: since.toISOString(),
    until: until.toISOString(),
    posts: posts.length,
    // Daily views add up over the week.
    impressions: views.success ? sum(views.data, "page_media_view") : null,
    // Unique viewers do not add up: the last 7-day value is the week's reach.
    reach: viewers.success ? last(viewers.data, "page_total_media_view_unique") : null,
    engagements: posts.reduce((total, item) => total + engagementsOf(item), 0),
    topPost: top
      ? {
          id: top.id,
          url: top.permalink_url ?? `https://www.facebook.com/${top.id}`,
          text: summaryText(top.message ?? ""),
          engagements: engagementsOf(top),
        }
      : null,
    mentionsNeedingReply: null,
  };
}

function sum(answer: z.infer<typeof graphInsights>, name: string): number | null {
  const metric = answer.data.find((item) => item.name === name);
  return metric ? metric.values.reduce((total, entry) => total + entry.value, 0) : null;
}

function last(answer: z.infer<typeof graphInsights>, name: string): number | null {
  return answer.data.find((item) => item.name === name)?.values.at(-1)?.value ?? null;
}

function parsePage<T>(schema: z.ZodType<T>, answer: unknown): T {
  const parsed = schema.safeParse(answer);
  if (!parsed.success)
    throw new DataError(
      `Meta answered the list of Facebook Page posts with an unexpected shape: ${parsed.error.message}`,
    );
  return parsed.data;
}
