/**
 * @module The X mentions watcher: polls `GET /2/users/:id/mentions` with the `since_id` it keeps in the
 * state store and hands each new mention to the core as an `x_mention` item (the core quotes it as
 * untrusted, deduplicates by post id and writes the task).
 */
import type { InboundItem, TaskSink } from "../inbound-item.js";
import type { Watcher } from "../watcher.js";
import type { StateStore } from "../../vault/state-store.js";
import { compareXIds, parseXTimelinePage, type XTweet, type XUser } from "./x-timeline-page.js";
import type { XSession } from "./x-session.js";

export interface XMentionsWatcherDeps {
  session: XSession;
  state: StateStore;
  sink: TaskSink;
  pollIntervalSeconds: number;
  now: () => Date;
}

interface MentionsCursor {
  sinceId: string;
}

/** X's maximum page size for the mentions timeline. */
const PAGE_SIZE = 100;
/**
 * Bounds one poll. More than this many pages of new mentions within one interval means a flood; the
 * oldest of it is skipped (the cursor still moves to the newest) rather than spending the rate limit.
 */
export const X_MENTIONS_MAX_PAGES_PER_POLL = 5;
/** On the very first poll there is no cursor: only the latest few mentions become tasks, not the history. */
export const X_MENTIONS_FIRST_POLL_COUNT = 20;

export function createXMentionsWatcher(deps: XMentionsWatcherDeps): Watcher {
  const { session, state, sink, now } = deps;
  return {
    name: "x-mentions",
    pollIntervalSeconds: deps.pollIntervalSeconds,
    async poll() {
      const userId = await session.userId();
      const key = `x-mentions.${userId}`;
      const cursor = await state.read<MentionsCursor>(key);
      const mentions: XTweet[] = [];
      const users = new Map<string, XUser>();
      let newestId: string | undefined;
      let nextToken: string | undefined;
      const pages = cursor ? X_MENTIONS_MAX_PAGES_PER_POLL : 1;
      for (let index = 0; index < pages; index += 1) {
        const page = parseXTimelinePage(
          await session.get(
            "users/:id/mentions",
            {
              max_results: cursor ? PAGE_SIZE : X_MENTIONS_FIRST_POLL_COUNT,
              since_id: cursor?.sinceId,
              pagination_token: nextToken,
              expansions: "author_id",
              "tweet.fields": "created_at,author_id,conversation_id,referenced_tweets",
              "user.fields": "username,name",
            },
            { what: "reading X mentions", pathParams: { id: userId } },
          ),
          "the mentions request",
        );
        newestId ??= page.meta?.newest_id;
        mentions.push(...page.data);
        for (const user of page.includes?.users ?? []) users.set(user.id, user);
        nextToken = page.meta?.next_token;
        if (!nextToken) break;
      }

      let submitted = 0;
      // Oldest first, so the queue reads in the order people wrote.
      const fresh = mentions
        .filter((tweet) => tweet.author_id !== userId)
        .filter((tweet) => !cursor || compareXIds(tweet.id, cursor.sinceId) > 0)
        .sort((a, b) => compareXIds(a.id, b.id));
      for (const tweet of fresh) {
        await sink.submit(toItem(tweet, tweet.author_id ? users.get(tweet.author_id) : undefined, now));
        submitted += 1;
      }
      // Moved only after every mention was handed over: a crash before this line re-reads them, and the
      // core's deduplication keeps them from becoming tasks twice.
      const newest = [newestId, ...fresh.map((tweet) => tweet.id)]
        .filter((id): id is string => id !== undefined)
        .sort(compareXIds)
        .at(-1);
      if (newest && (!cursor || compareXIds(newest, cursor.sinceId) > 0)) {
        await state.write(key, { sinceId: newest } satisfies MentionsCursor);
      }
      return submitted;
    },
  };
}

function toItem(tweet: XTweet, author: XUser | undefined, now: () => Date): InboundItem {
  const handle = author ? `@${author.username}` : `x-user:${tweet.author_id ?? "unknown"}`;
  const repliedTo = tweet.referenced_tweets?.find((reference) => reference.type === "replied_to")?.id;
  return {
    type: "x_mention",
    source: "x",
    externalId: tweet.id,
    from: handle,
    ...(author?.name ? { fromName: author.name } : {}),
    subject: `Mention on X from ${handle}`,
    received: tweet.created_at ?? now().toISOString(),
    body: tweet.text,
    domain: "business",
    fields: {
      tweet_id: tweet.id,
      author_id: tweet.author_id ?? null,
      conversation_id: tweet.conversation_id ?? null,
      in_reply_to_tweet_id: repliedTo ?? null,
      url: author
        ? `https://x.com/${author.username}/status/${tweet.id}`
        : `https://x.com/i/web/status/${tweet.id}`,
    },
  };
}
