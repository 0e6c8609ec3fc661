/**
 * @module The Instagram part of the weekly social summary: the account's posts of the last seven days
 * with likes and comments, and per post the `views` and `reach` insights (summed over the posts: an
 * account seeing two posts counts twice). A figure Meta declines to give becomes null.
 */
import { z } from "zod";
import { graphInsights, graphPage } from "./graph-schemas.js";
import { DataError } from "../../governance/errors/data-error.js";
import type { GraphClient } from "./graph-client.js";
import { SOCIAL_SUMMARY_DAYS, summaryText, type SocialWeeklyMetrics } from "../social-weekly-metrics.js";

/** The newest posts come first; 3 pages of 50 covers a week even at the 50-a-day publishing limit's pace. */
const MAX_PAGES = 3;
/** Insights are one call per post; beyond this many posts the rest are counted without views and reach. */
const MAX_POSTS_WITH_INSIGHTS = 50;

const media = z
  .object({
    id: z.string(),
    caption: z.string().optional(),
    timestamp: z.string(),
    like_count: z.number().optional(),
    comments_count: z.number().optional(),
    permalink: z.string().optional(),
  })
  .loose();
const mediaPage = graphPage(media);

export interface InstagramWeeklyMetricsDeps {
  graph: GraphClient;
  userId: string;
  now: () => Date;
}

export async function fetchInstagramWeeklyMetrics(
  deps: InstagramWeeklyMetricsDeps,
): Promise<SocialWeeklyMetrics> {
  const { graph, userId } = deps;
  const until = deps.now();
  const since = new Date(until.getTime() - SOCIAL_SUMMARY_DAYS * 24 * 60 * 60 * 1000);
  const what = "reading Instagram figures for the weekly summary";

  const posts: z.infer<typeof media>[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = parsePage(
      mediaPage,
      await graph.get(
        `${userId}/media`,
        { fields: "id,caption,timestamp,like_count,comments_count,permalink", limit: 50, after },
        what,
      ),
    );
    const inWindow = answer.data.filter((item) => {
      const time = Date.parse(item.timestamp);
      return time >= since.getTime() && time <= until.getTime();
    });
    posts.push(...inWindow);
    after = answer.paging?.cursors?.after;
    // Newest first: a page that reaches past the window's start is the last one needed.
    const oldest = answer.data.at(-1);
    if (!answer.paging?.next || !after || !oldest || Date.parse(oldest.timestamp) < since.getTime()) break;
  }

  let views: number | null = null;
  let reach: number | null = null;
  for (const item of posts.slice(0, MAX_POSTS_WITH_INSIGHTS)) {
    const answer = graphInsights.safeParse(
      await graph.getOptional(`${item.id}/insights`, { metric: "reach,views" }, what),
    );
    if (!answer.success) continue;
    for (const metric of answer.data.data) {
      const value = metric.values.reduce((total, entry) => total + entry.value, 0);
      if (metric.name === "views") views = (views ?? 0) + value;
      if (metric.name === "reach") reach = (reach ?? 0) + value;
    }
  }

  const engagementsOf = (item: z.infer<typeof media>) => (item.like_count ?? 0) + (item.comments_count ?? 0);
  const top = posts.reduce<z.infer<typeof media> | undefined>(
    (best, item) => (best === undefined || engagementsOf(item) > engagementsOf(best) ? item : best),
    undefined,
  );
  return {
    network: "instagram",
    since: since.toISOString(),
    until: until.toISOString(),
    posts: posts.length,
    impressions: views,
    reach,
    engagements: posts.reduce((total, item) => total + engagementsOf(item), 0),
    topPost: top
      ? {
          id: top.id,
          url: top.permalink ?? null,
          text: summaryText(top.caption ?? ""),
          engagements: engagementsOf(top),
        }
      : null,
    mentionsNeedingReply: null,
  };
}

function parsePage<T>(schema: z.ZodType<T>, answer: unknown): T {
  const parsed = schema.safeParse(answer);
  if (!parsed.success)
    throw new DataError(
      `Meta answered the list of Instagram media with an unexpected shape: ${parsed.error.message}`,
    );
  return parsed.data;
}
