/**
 * @module Publishing on Instagram: the `InstagramPoster` port the `post_instagram` tool uses, and its
 * Graph adapter for content publishing — check the 24-hour limit (locally, then
 * `content_publishing_limit`), create a media container from a public image URL, poll its
 * `status_code` until `FINISHED` (bounded), then `media_publish` it. The dry-run adapter is
 * `createOutboxInstagramPoster`.
 */
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import type { GraphClient } from "./graph-client.js";
import {
  INSTAGRAM_DAILY_PUBLISH_LIMIT,
  INSTAGRAM_LIMIT_WINDOW_MS,
  type InstagramPublishLedger,
} from "./instagram-publish-ledger.js";

export interface InstagramPostRequest {
  /** A public JPEG URL: Meta fetches it when the container is created. */
  imageUrl: string;
  /** The caption, hashtags included. */
  caption: string;
}

export type InstagramPostOutcome =
  | { dryRun: false; id: string; containerId: string; url: string | null }
  | { dryRun: true; outboxPath: string };

export interface InstagramPoster {
  post(request: InstagramPostRequest): Promise<InstagramPostOutcome>;
}

/** Meta suggests checking a container about once a second for images; a few seconds is gentler. */
export const INSTAGRAM_CONTAINER_CHECK_INTERVAL_MS = 3_000;
/** Checks of one container before giving up; images finish in seconds, so 10 is generous. */
export const INSTAGRAM_CONTAINER_MAX_CHECKS = 10;
/** And whatever the count, no post waits longer than this for Meta to fetch and process its image. */
export const INSTAGRAM_CONTAINER_MAX_WAIT_MS = 60_000;

const idAnswer = z.object({ id: z.string() });
const statusAnswer = z.object({
  status_code: z.enum(["EXPIRED", "ERROR", "FINISHED", "IN_PROGRESS", "PUBLISHED"]),
  status: z.string().optional(),
});
const limitAnswer = z.object({
  data: z.array(
    z.object({
      quota_usage: z.number(),
      config: z.object({ quota_total: z.number(), quota_duration: z.number() }).optional(),
    }),
  ),
});
const permalinkAnswer = z.object({ permalink: z.string() });

export interface InstagramPosterDeps {
  graph: GraphClient;
  userId: string;
  ledger: InstagramPublishLedger;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

export function createInstagramPoster(deps: InstagramPosterDeps): InstagramPoster {
  const { graph, userId, ledger, now, sleep } = deps;

  async function checkLimit(): Promise<void> {
    const recent = await ledger.recent();
    const localReset = recent[0] ? new Date(recent[0].getTime() + INSTAGRAM_LIMIT_WINDOW_MS) : undefined;
    if (recent.length >= INSTAGRAM_DAILY_PUBLISH_LIMIT) throw limitReached(recent.length, localReset);
    const answer = limitAnswer.safeParse(
      await graph.get(
        `${userId}/content_publishing_limit`,
        { fields: "quota_usage,config" },
        "checking Instagram's publishing limit",
      ),
    );
    const usage = answer.success ? answer.data.data[0] : undefined;
    const total = Math.min(
      usage?.config?.quota_total ?? INSTAGRAM_DAILY_PUBLISH_LIMIT,
      INSTAGRAM_DAILY_PUBLISH_LIMIT,
    );
    // Meta counts publishes by every app; when it says the quota is used, its window is rolling too.
    if (usage && usage.quota_usage >= total) throw limitReached(usage.quota_usage, localReset);
  }

  function limitReached(count: number, resetAt: Date | undefined): RateLimitError {
    const when = resetAt
      ? `the oldest leaves the 24-hour window at ${resetAt.toISOString()}`
      : "try again tomorrow";
    return new RateLimitError(
      `Instagram's limit of ${INSTAGRAM_DAILY_PUBLISH_LIMIT} posts in 24 hours is used up (${count}); ${when}.`,
      resetAt ? { resetAt, retryAfterMs: Math.max(0, resetAt.getTime() - now().getTime()) } : {},
    );
  }

  async function waitUntilFinished(containerId: string): Promise<void> {
    const started = now().getTime();
    for (let check = 1; ; check += 1) {
      const answer = statusAnswer.safeParse(
        await graph.get(
          containerId,
          { fields: "status_code,status" },
          "checking the Instagram media container",
        ),
      );
      if (!answer.success)
        throw new DataError(`Meta answered the container ${containerId} check without a status_code.`);
      const { status_code: code, status } = answer.data;
      if (code === "FINISHED") return;
      if (code === "ERROR" || code === "EXPIRED") {
        throw new DataError(
          `Instagram could not prepare the image: container ${containerId} is ${code}${status ? ` (${status})` : ""}. Check that the image URL is public and a JPEG within Instagram's size limits.`,
        );
      }
      if (code === "PUBLISHED")
        throw new LogicError(`The Instagram container ${containerId} was already published.`);
      const elapsed = now().getTime() - started;
      if (
        check >= INSTAGRAM_CONTAINER_MAX_CHECKS ||
        elapsed + INSTAGRAM_CONTAINER_CHECK_INTERVAL_MS > INSTAGRAM_CONTAINER_MAX_WAIT_MS
      ) {
        throw new TransientError(
          `Instagram was still processing the image after ${check} checks (${Math.round(elapsed / 1000)} s); container ${containerId} stays valid for 24 hours.`,
        );
      }
      await sleep(INSTAGRAM_CONTAINER_CHECK_INTERVAL_MS);
    }
  }

  return {
    async post(request) {
      await checkLimit();
      const container = idAnswer.safeParse(
        await graph.post(
          `${userId}/media`,
          { image_url: request.imageUrl, caption: request.caption },
          "creating the Instagram media container",
        ),
      );
      if (!container.success) throw new DataError("Meta did not answer with a media container id.");
      const containerId = container.data.id;
      await waitUntilFinished(containerId);
      const published = idAnswer.safeParse(
        await graph.post(`${userId}/media_publish`, { creation_id: containerId }, "publishing on Instagram"),
      );
      if (!published.success)
        throw new DataError("Instagram published the post but did not answer with its id.");
      await ledger.record(now());
      // The link is a courtesy for the person; the post exists whether or not it can be read back.
      const permalink = await graph
        .get(published.data.id, { fields: "permalink" }, "reading the Instagram post's link")
        .then((answer) => permalinkAnswer.safeParse(answer).data?.permalink ?? null)
        .catch(() => null);
      return { dryRun: false, id: published.data.id, containerId, url: permalink };
    },
  };
}
