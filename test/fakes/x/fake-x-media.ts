/**
 * @module The media upload routes of the fake X server, after X's v2 media reference: `initialize`
 * (JSON), `append` (multipart, byte-exact chunk sizes), `finalize` (sizes must add up; GIFs then need
 * processing) and the `STATUS` command.
 */
import type { Context } from "hono";
import type { FakeXUpload } from "./fake-x-data.js";
import { multipartParts } from "./multipart-parts.js";

export type RegisterXRoute = (
  method: "GET" | "POST",
  path: string,
  handler: (c: Context) => Response | Promise<Response>,
) => void;

export interface XMediaRoutesDeps {
  api: RegisterXRoute;
  uploads: Map<string, FakeXUpload>;
  newId: () => string;
  now: () => Date;
}

export function registerXMediaRoutes({ api, uploads, newId, now }: XMediaRoutesDeps): void {
  api("POST", "/2/media/upload/initialize", async (c) => {
    const body = await c.req.json<{ media_type?: string; total_bytes?: number; media_category?: string }>();
    if (!body.media_type || !body.total_bytes)
      return invalidRequest(c, "media_type and total_bytes are required.");
    const id = newId();
    const category = body.media_category ?? "tweet_image";
    uploads.set(id, {
      id,
      mediaType: body.media_type,
      category,
      totalBytes: body.total_bytes,
      receivedBytes: 0,
      segments: [],
      finalized: false,
      processingChecks: category === "tweet_gif" ? 1 : 0,
    });
    return c.json({ data: { id, media_key: `3_${id}`, expires_after_secs: 86_400 } });
  });

  api("POST", "/2/media/upload/:id/append", async (c) => {
    const upload = uploads.get(c.req.param("id") ?? "");
    if (!upload || upload.finalized) return invalidRequest(c, "Invalid media id.");
    const parts = multipartParts(Buffer.from(await c.req.arrayBuffer()), c.req.header("content-type") ?? "");
    const media = parts.find((part) => part.name === "media");
    const segment = parts.find((part) => part.name === "segment_index");
    if (!media || !segment) return invalidRequest(c, "media and segment_index are required.");
    upload.segments.push(Number(segment.data.toString()));
    upload.receivedBytes += media.data.byteLength;
    return c.json({ data: { expires_at: Math.floor(now().getTime() / 1000) + 86_400 } });
  });

  api("POST", "/2/media/upload/:id/finalize", (c) => {
    const upload = uploads.get(c.req.param("id") ?? "");
    if (!upload) return invalidRequest(c, "Invalid media id.");
    if (upload.receivedBytes !== upload.totalBytes) {
      return invalidRequest(
        c,
        `File size mismatch: expected ${upload.totalBytes}, received ${upload.receivedBytes}.`,
      );
    }
    upload.finalized = true;
    return c.json({
      data: {
        id: upload.id,
        media_key: `3_${upload.id}`,
        size: upload.totalBytes,
        expires_after_secs: 86_400,
        ...(upload.processingChecks > 0
          ? { processing_info: { state: "pending", check_after_secs: 1 } }
          : {}),
      },
    });
  });

  api("GET", "/2/media/upload", (c) => {
    const upload = uploads.get(c.req.query("media_id") ?? "");
    if (c.req.query("command") !== "STATUS" || !upload) return invalidRequest(c, "Invalid STATUS request.");
    upload.processingChecks = Math.max(0, upload.processingChecks - 1);
    const state = upload.processingChecks > 0 ? "in_progress" : "succeeded";
    return c.json({ data: { id: upload.id, media_key: `3_${upload.id}`, processing_info: { state } } });
  });
}

export function invalidRequest(c: Context, message: string) {
  return c.json(
    {
      errors: [{ message }],
      title: "Invalid Request",
      detail: "One or more parameters to your request was invalid.",
      type: "https://api.twitter.com/2/problems/invalid-request",
    },
    400,
  );
}
