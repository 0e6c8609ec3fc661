/**
 * @module The data behind the fake X server: accounts, posts (with who they mention and their public
 * metrics), uploads and OAuth 2.0 tokens, and the v2 timeline rules (newest first, `since_id`,
 * `start_time`, `max_results` 5–100, opaque `pagination_token`, field selection, `expansions=author_id`).
 */

export interface FakeXUser {
  id: string;
  username: string;
  name: string;
}

export interface FakeXTweet {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  conversation_id: string;
  /** Users this post mentions: it appears in their mentions timeline. */
  mentions: string[];
  referenced_tweets?: { type: "replied_to" | "quoted" | "retweeted"; id: string }[];
  public_metrics: {
    retweet_count: number;
    reply_count: number;
    like_count: number;
    quote_count: number;
    bookmark_count: number;
    impression_count: number;
  };
  attachments?: { media_keys: string[] };
}

export interface FakeXUpload {
  id: string;
  mediaType: string;
  category: string;
  totalBytes: number;
  receivedBytes: number;
  segments: number[];
  finalized: boolean;
  /** STATUS checks left before processing succeeds (GIFs); 0 for images. */
  processingChecks: number;
}

/** Default fields X returns for a post when `tweet.fields` asks for nothing more. */
const DEFAULT_TWEET_FIELDS = ["id", "text", "edit_history_tweet_ids"];

export function selectTweetFields(tweet: FakeXTweet, requested: string | undefined): Record<string, unknown> {
  const wanted = new Set([...DEFAULT_TWEET_FIELDS, ...(requested ?? "").split(",").filter(Boolean)]);
  const full: Record<string, unknown> = { ...tweet, edit_history_tweet_ids: [tweet.id] };
  const selected: Record<string, unknown> = {};
  for (const field of wanted)
    if (full[field] !== undefined && field !== "mentions") selected[field] = full[field];
  return selected;
}

export interface TimelineQuery {
  since_id?: string;
  until_id?: string;
  start_time?: string;
  end_time?: string;
  max_results?: string;
  pagination_token?: string;
  expansions?: string;
  "tweet.fields"?: string;
  "user.fields"?: string;
}

export type TimelineAnswer =
  { status: 200; body: Record<string, unknown> } | { status: 400; body: Record<string, unknown> };

export function timeline(
  tweets: FakeXTweet[],
  users: Map<string, FakeXUser>,
  query: TimelineQuery,
): TimelineAnswer {
  const max = query.max_results === undefined ? 10 : Number(query.max_results);
  if (!Number.isInteger(max) || max < 5 || max > 100) {
    return invalid(
      `The \`max_results\` query parameter value [${query.max_results}] is not between 5 and 100`,
    );
  }
  let matching = [...tweets].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  if (query.since_id) matching = matching.filter((tweet) => BigInt(tweet.id) > BigInt(query.since_id!));
  if (query.until_id) matching = matching.filter((tweet) => BigInt(tweet.id) < BigInt(query.until_id!));
  if (query.start_time) matching = matching.filter((tweet) => tweet.created_at >= query.start_time!);
  if (query.end_time) matching = matching.filter((tweet) => tweet.created_at < query.end_time!);
  const offset = query.pagination_token
    ? Number(Buffer.from(query.pagination_token, "base64url").toString())
    : 0;
  const slice = matching.slice(offset, offset + max);
  if (slice.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
  const more = offset + max < matching.length;
  const body: Record<string, unknown> = {
    data: slice.map((tweet) => selectTweetFields(tweet, query["tweet.fields"])),
    meta: {
      result_count: slice.length,
      newest_id: slice[0]!.id,
      oldest_id: slice.at(-1)!.id,
      ...(more ? { next_token: Buffer.from(String(offset + max)).toString("base64url") } : {}),
    },
  };
  if ((query.expansions ?? "").split(",").includes("author_id")) {
    const wanted = ["id", "name", "username", ...(query["user.fields"] ?? "").split(",").filter(Boolean)];
    const authors = [...new Set(slice.map((tweet) => tweet.author_id))]
      .map((id) => users.get(id))
      .filter((user) => user !== undefined)
      .map((user) => Object.fromEntries(Object.entries(user).filter(([key]) => wanted.includes(key))));
    body.includes = { users: authors };
  }
  return { status: 200, body };
}

function invalid(message: string): TimelineAnswer {
  return {
    status: 400,
    body: {
      errors: [{ parameters: {}, message }],
      title: "Invalid Request",
      detail: "One or more parameters to your request was invalid.",
      type: "https://api.twitter.com/2/problems/invalid-request",
    },
  };
}
