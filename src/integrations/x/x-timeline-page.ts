/**
 * @module The shape of one page of an X v2 timeline (mentions, a user's posts), parsed once at the edge.
 */
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";

export const xPublicMetrics = z
  .object({
    retweet_count: z.number().default(0),
    reply_count: z.number().default(0),
    like_count: z.number().default(0),
    quote_count: z.number().default(0),
    impression_count: z.number().optional(),
  })
  .loose();

export const xTweet = z
  .object({
    id: z.string(),
    text: z.string(),
    author_id: z.string().optional(),
    created_at: z.string().optional(),
    conversation_id: z.string().optional(),
    referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
    public_metrics: xPublicMetrics.optional(),
  })
  .loose();

export const xUser = z.object({ id: z.string(), username: z.string(), name: z.string().optional() }).loose();

const page = z
  .object({
    data: z.array(xTweet).default([]),
    includes: z
      .object({ users: z.array(xUser).default([]) })
      .loose()
      .optional(),
    meta: z
      .object({
        result_count: z.number().optional(),
        newest_id: z.string().optional(),
        next_token: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export type XTweet = z.infer<typeof xTweet>;
export type XUser = z.infer<typeof xUser>;
export type XTimelinePage = z.infer<typeof page>;

export function parseXTimelinePage(answer: unknown, what: string): XTimelinePage {
  const parsed = page.safeParse(answer);
  if (!parsed.success)
    throw new DataError(`X answered ${what} with an unexpected shape: ${parsed.error.message}`);
  return parsed.data;
}

/** Post ids are 64-bit snowflakes, increasing with time; compared as big integers, not strings. */
export function compareXIds(left: string, right: string): number {
  const a = BigInt(left);
  const b = BigInt(right);
  return a < b ? -1 : a > b ? 1 : 0;
}
