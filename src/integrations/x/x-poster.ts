/**
 * @module Posting on X: the `XPoster` port the `post_x` tool uses, and its adapter for the real API
 * (`POST /2/tweets`, with media uploaded first). The dry-run adapter is `createOutboxXPoster`.
 */
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import type { MediaFile } from "./vault-media-loader.js";
import { uploadXMedia } from "./x-media-upload.js";
import type { XSession } from "./x-session.js";

export interface XPostRequest {
  text: string;
  /** Makes the post a reply to this post. */
  inReplyToTweetId?: string;
  /** Up to `X_MAX_MEDIA_PER_POST` images, already read and checked. */
  media?: MediaFile[];
}

export type XPostOutcome = { dryRun: false; id: string; url: string } | { dryRun: true; outboxPath: string };

export interface XPoster {
  post(request: XPostRequest): Promise<XPostOutcome>;
}

/** X allows four images (or one GIF) on a post. */
export const X_MAX_MEDIA_PER_POST = 4;

const created = z.object({ data: z.object({ id: z.string(), text: z.string().optional() }) });

export function createXPoster(session: XSession, sleep: (ms: number) => Promise<void>): XPoster {
  return {
    async post(request) {
      const media = request.media ?? [];
      if (media.length > X_MAX_MEDIA_PER_POST) {
        throw new DataError(
          `An X post carries at most ${X_MAX_MEDIA_PER_POST} images; ${media.length} were given.`,
        );
      }
      // One at a time: X processes uploads per account, and a failure should stop before the post.
      const mediaIds: string[] = [];
      for (const file of media) mediaIds.push(await uploadXMedia(session, file, sleep));
      const what = request.inReplyToTweetId
        ? `replying on X to post ${request.inReplyToTweetId}`
        : "posting on X";
      const answer = await session.post(
        "tweets",
        {
          text: request.text,
          ...(request.inReplyToTweetId ? { reply: { in_reply_to_tweet_id: request.inReplyToTweetId } } : {}),
          ...(mediaIds.length > 0 ? { media: { media_ids: mediaIds } } : {}),
        },
        { what },
      );
      const parsed = created.safeParse(answer);
      if (!parsed.success) throw new DataError("X accepted the post but did not answer with its id.");
      const id = parsed.data.data.id;
      return { dryRun: false, id, url: `https://x.com/i/web/status/${id}` };
    },
  };
}
