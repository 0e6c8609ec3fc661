/**
 * @module The X part of the weekly social summary: the account's own posts of the last seven days with
 * their `public_metrics`, and the mentions of the same days that no own post replied to.
 */
import { SOCIAL_SUMMARY_DAYS, summaryText, type SocialWeeklyMetrics } from "../social-weekly-metrics.js";
import { parseXTimelinePage, type XTweet } from "./x-timeline-page.js";
import type { XQuery, XSession } from "./x-session.js";

/** 5 pages of 100 is far more than a small business posts or is mentioned in a week; it bounds the cost. */
const MAX_PAGES = 5;

export interface XWeeklyMetricsDeps {
  session: XSession;
  now: () => Date;
}

export async function fetchXWeeklyMetrics(deps: XWeeklyMetricsDeps): Promise<SocialWeeklyMetrics> {
  const { session } = deps;
  const until = deps.now();
  const since = new Date(until.getTime() - SOCIAL_SUMMARY_DAYS * 24 * 60 * 60 * 1000);
  const userId = await session.userId();
  const window = { start_time: since.toISOString().replace(/\.\d{3}Z$/, "Z"), max_results: 100 };

  const own = await readAll(session, "users/:id/tweets", userId, {
    ...window,
    "tweet.fields": "created_at,public_metrics,referenced_tweets",
  });
  const mentions = await readAll(session, "users/:id/mentions", userId, {
    ...window,
    "tweet.fields": "created_at,author_id,referenced_tweets",
  });

  // A repost is someone else's content; it is not one of the business's posts.
  const posts = own.filter(
    (tweet) => !tweet.referenced_tweets?.some((reference) => reference.type === "retweeted"),
  );
  const engagementsOf = (tweet: XTweet) => {
    const metrics = tweet.public_metrics;
    return metrics
      ? metrics.like_count + metrics.retweet_count + metrics.reply_count + metrics.quote_count
      : 0;
  };
  const withImpressions = posts.filter((tweet) => tweet.public_metrics?.impression_count !== undefined);
  const top = posts.reduce<XTweet | undefined>(
    (best, tweet) => (best === undefined || engagementsOf(tweet) > engagementsOf(best) ? tweet : best),
    undefined,
  );
  const repliedTo = new Set(
    own.flatMap((tweet) =>
      (tweet.referenced_tweets ?? []).filter((reference) => reference.type === "replied_to").map((r) => r.id),
    ),
  );
  const unanswered = mentions.filter((tweet) => tweet.author_id !== userId && !repliedTo.has(tweet.id));

  return {
    network: "x",
    since: since.toISOString(),
    until: until.toISOString(),
    posts: posts.length,
    impressions:
      withImpressions.length === 0
        ? null
        : withImpressions.reduce((sum, tweet) => sum + (tweet.public_metrics?.impression_count ?? 0), 0),
    reach: null,
    engagements: posts.reduce((sum, tweet) => sum + engagementsOf(tweet), 0),
    topPost: top
      ? {
          id: top.id,
          url: `https://x.com/i/web/status/${top.id}`,
          text: summaryText(top.text),
          engagements: engagementsOf(top),
        }
      : null,
    mentionsNeedingReply: unanswered.length,
  };
}

async function readAll(
  session: XSession,
  endpoint: string,
  userId: string,
  query: XQuery,
): Promise<XTweet[]> {
  const tweets: XTweet[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = parseXTimelinePage(
      await session.get(
        endpoint,
        { ...query, pagination_token: nextToken },
        { what: "reading X figures for the weekly summary", pathParams: { id: userId } },
      ),
      "the weekly summary request",
    );
    tweets.push(...answer.data);
    nextToken = answer.meta?.next_token;
    if (!nextToken) break;
  }
  return tweets;
}
