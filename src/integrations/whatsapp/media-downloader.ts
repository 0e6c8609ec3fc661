/**
 * @module Fetches a received media file: `GET /{media-id}` gives a short-lived URL, which is fetched
 * with the same bearer token. The size limit is checked three times (the declared `file_size`, the
 * Content-Length, the bytes actually read), so a lying server cannot fill the disk.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { GraphClient } from "./graph-client.js";

/** Media URLs live five minutes; a download slower than this is given up and the task says so. */
export const MEDIA_DOWNLOAD_TIMEOUT_MS = 60_000;

const mediaInfoSchema = z.object({
  url: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  file_size: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  id: z.string().optional(),
});

export type MediaDownload =
  | { saved: true; content: Uint8Array; mimeType: string | undefined }
  | { saved: false; reason: string; size: number };

export interface MediaDownloaderDeps {
  graph: GraphClient;
  accessToken: string;
  maxBytes: number;
  fetch: typeof fetch;
}

export interface MediaDownloader {
  download(mediaId: string, signal?: AbortSignal): Promise<MediaDownload>;
}

export function createMediaDownloader(deps: MediaDownloaderDeps): MediaDownloader {
  const graphOrigin = new URL(deps.graph.baseUrl).origin;
  const limitText = `${(deps.maxBytes / (1024 * 1024)).toFixed(1)} MB (WHATSAPP_MAX_MEDIA_MB)`;

  async function download(mediaId: string, signal?: AbortSignal): Promise<MediaDownload> {
    const info = await deps.graph.request({
      method: "GET",
      path: `/${encodeURIComponent(mediaId)}`,
      schema: mediaInfoSchema,
      ...(signal ? { signal } : {}),
    });
    if (info.file_size !== undefined && info.file_size > deps.maxBytes) {
      return { saved: false, reason: `larger than the limit of ${limitText}`, size: info.file_size };
    }
    const url = parseMediaUrl(info.url);
    // The token goes only to Meta's HTTPS media hosts or the configured Graph host (a proxy or a test fake).
    if (!url || (url.protocol !== "https:" && url.origin !== graphOrigin)) {
      return {
        saved: false,
        reason: "the media URL Meta returned is not an HTTPS URL",
        size: info.file_size ?? 0,
      };
    }
    const timeout = AbortSignal.timeout(MEDIA_DOWNLOAD_TIMEOUT_MS);
    const response = await deps.fetch(url, {
      headers: { authorization: `Bearer ${deps.accessToken}` },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return {
        saved: false,
        reason: `the media host answered HTTP ${response.status}`,
        size: info.file_size ?? 0,
      };
    }
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > deps.maxBytes) {
      await response.body.cancel().catch(() => undefined);
      return { saved: false, reason: `larger than the limit of ${limitText}`, size: declared };
    }
    const content = await readBounded(response.body, deps.maxBytes);
    if (content === undefined) {
      return { saved: false, reason: `larger than the limit of ${limitText}`, size: deps.maxBytes + 1 };
    }
    if (info.sha256 && /^[0-9a-f]{64}$/i.test(info.sha256)) {
      const actual = createHash("sha256").update(content).digest("hex");
      if (actual !== info.sha256.toLowerCase()) {
        return {
          saved: false,
          reason: "the downloaded file does not match Meta's SHA-256",
          size: content.length,
        };
      }
    }
    return { saved: true, content, mimeType: info.mime_type };
  }

  return { download };
}

function parseMediaUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Reads the stream, stopping (and cancelling it) as soon as it passes `maxBytes`. */
async function readBounded(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Bounded by maxBytes: the loop ends at the stream's end or as soon as the limit is passed.
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
