/**
 * @module Posting on the Facebook Page: the `FacebookPoster` port the `post_facebook` tool uses, and its
 * Graph adapter — text and links to `/{page-id}/feed`, an image by URL to `/{page-id}/photos`, and
 * scheduled posts (`published=false` with `scheduled_publish_time`). The dry-run adapter is
 * `createOutboxFacebookPoster`.
 */
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import type { GraphClient } from "./graph-client.js";

export interface FacebookPostRequest {
  message: string;
  link?: string;
  /** A public image URL Meta fetches; the message becomes its caption. */
  imageUrl?: string;
  /** Publish later instead of now. */
  scheduledPublishTime?: Date;
}

export type FacebookPostOutcome =
  | { dryRun: false; id: string; url: string; scheduledFor: string | null }
  | { dryRun: true; outboxPath: string };

export interface FacebookPoster {
  post(request: FacebookPostRequest): Promise<FacebookPostOutcome>;
}

/** Meta accepts a scheduled time from 10 minutes to 30 days ahead. */
export const FACEBOOK_SCHEDULE_MIN_MS = 10 * 60 * 1000;
export const FACEBOOK_SCHEDULE_MAX_MS = 30 * 24 * 60 * 60 * 1000;

/** Throws a LogicError naming the allowed window when the time is outside it. */
export function checkScheduledPublishTime(time: Date, now: Date): void {
  const ahead = time.getTime() - now.getTime();
  if (Number.isNaN(ahead) || ahead < FACEBOOK_SCHEDULE_MIN_MS || ahead > FACEBOOK_SCHEDULE_MAX_MS) {
    throw new LogicError(
      `A scheduled Facebook post must be between 10 minutes and 30 days ahead; ${time.toISOString()} is not (now ${now.toISOString()}).`,
    );
  }
}

const feedAnswer = z.object({ id: z.string() });
const photoAnswer = z.object({ id: z.string(), post_id: z.string().optional() });

export interface FacebookPosterDeps {
  graph: GraphClient;
  pageId: string;
  now: () => Date;
}

export function createFacebookPoster(deps: FacebookPosterDeps): FacebookPoster {
  const { graph, pageId } = deps;
  return {
    async post(request) {
      if (request.imageUrl && request.link) {
        throw new LogicError(
          "A Facebook photo post cannot carry a separate link; put the link in the message.",
        );
      }
      const scheduled = request.scheduledPublishTime;
      if (scheduled) checkScheduledPublishTime(scheduled, deps.now());
      const schedule = scheduled
        ? { published: false, scheduled_publish_time: Math.floor(scheduled.getTime() / 1000) }
        : {};
      const what = scheduled ? "scheduling a post on the Facebook Page" : "posting to the Facebook Page";
      let id: string;
      if (request.imageUrl) {
        const answer = photoAnswer.safeParse(
          await graph.post(
            `${pageId}/photos`,
            { url: request.imageUrl, caption: request.message, ...schedule },
            what,
          ),
        );
        if (!answer.success) throw new DataError("Meta accepted the photo but did not answer with its id.");
        id = answer.data.post_id ?? answer.data.id;
      } else {
        const answer = feedAnswer.safeParse(
          await graph.post(
            `${pageId}/feed`,
            { message: request.message, link: request.link, ...schedule },
            what,
          ),
        );
        if (!answer.success) throw new DataError("Meta accepted the post but did not answer with its id.");
        id = answer.data.id;
      }
      return {
        dryRun: false,
        id,
        url: `https://www.facebook.com/${id}`,
        scheduledFor: scheduled ? scheduled.toISOString() : null,
      };
    },
  };
}
