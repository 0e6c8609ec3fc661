/**
 * @module Uploads one image to X with the v2 media endpoints (initialize → append chunks → finalize →
 * status while X processes it) and returns the media id a post attaches.
 */
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import type { MediaFile } from "./vault-media-loader.js";
import type { XSession } from "./x-session.js";

/** X takes up to 5 MB per append; 1 MB keeps a retried chunk cheap. */
export const X_MEDIA_CHUNK_BYTES = 1024 * 1024;
/** Images are ready at once; animated GIFs take seconds. Past this many checks something is wrong. */
export const X_MEDIA_MAX_STATUS_CHECKS = 10;
/** X suggests `check_after_secs`; a larger suggestion is capped so one upload cannot stall a post. */
const MAX_CHECK_AFTER_SECONDS = 10;

const uploadAnswer = z.object({
  data: z
    .object({
      id: z.string(),
      processing_info: z
        .object({
          state: z.enum(["pending", "in_progress", "succeeded", "failed"]),
          check_after_secs: z.number().optional(),
          error: z.object({ message: z.string().optional() }).loose().optional(),
        })
        .optional(),
    })
    .loose(),
});

function categoryOf(mediaType: string): string {
  return mediaType === "image/gif" ? "tweet_gif" : "tweet_image";
}

export async function uploadXMedia(
  session: XSession,
  file: MediaFile,
  sleep: (ms: number) => Promise<void>,
): Promise<string> {
  const what = `uploading ${file.name} to X`;
  const init = parse(
    await session.post(
      "media/upload/initialize",
      {
        media_type: file.mediaType,
        total_bytes: file.data.byteLength,
        media_category: categoryOf(file.mediaType),
      },
      { what },
    ),
    what,
  );
  const mediaId = init.data.id;
  const pathParams = { id: mediaId };
  const chunks = Math.ceil(file.data.byteLength / X_MEDIA_CHUNK_BYTES);
  for (let index = 0; index < chunks; index += 1) {
    const chunk = file.data.subarray(index * X_MEDIA_CHUNK_BYTES, (index + 1) * X_MEDIA_CHUNK_BYTES);
    await session.post(
      "media/upload/:id/append",
      { segment_index: index, media: Buffer.from(chunk) },
      { what, pathParams, form: true },
    );
  }
  let state = parse(await session.post("media/upload/:id/finalize", {}, { what, pathParams }), what).data
    .processing_info;
  for (let check = 0; state && state.state !== "succeeded"; check += 1) {
    if (state.state === "failed") {
      throw new DataError(`X could not process ${file.name}: ${state.error?.message ?? "no reason given"}.`);
    }
    if (check >= X_MEDIA_MAX_STATUS_CHECKS) {
      throw new TransientError(
        `X was still processing ${file.name} after ${X_MEDIA_MAX_STATUS_CHECKS} checks.`,
      );
    }
    await sleep(Math.min(state.check_after_secs ?? 1, MAX_CHECK_AFTER_SECONDS) * 1000);
    state = parse(await session.get("media/upload", { command: "STATUS", media_id: mediaId }, { what }), what)
      .data.processing_info;
  }
  return mediaId;
}

function parse(answer: unknown, what: string): z.infer<typeof uploadAnswer> {
  const parsed = uploadAnswer.safeParse(answer);
  if (!parsed.success) throw new DataError(`X answered ${what} without a media id.`);
  return parsed.data;
}
