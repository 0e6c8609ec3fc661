/**
 * @module HTTP for the Gmail client: a bounded wait per request, network failures as TransientError,
 * and answers read up to a byte limit so a broken or hostile endpoint cannot fill memory.
 */
import { TransientError } from "../../governance/errors/transient-error.js";

/** Google answers in well under a second; a stalled proxy must not hold a watcher pass. */
const REQUEST_TIMEOUT_MS = 60_000;

/** An answer larger than the caller allowed; the caller decides what that means. */
export class ResponseTooLarge extends Error {}

export async function gmailFetch(
  fetcher: typeof fetch,
  url: string,
  init: RequestInit,
  context: { signal: AbortSignal | undefined; doing: string; redact: (text: string) => string },
): Promise<Response> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  try {
    return await fetcher(url, {
      ...init,
      signal: context.signal ? AbortSignal.any([context.signal, timeout]) : timeout,
    });
  } catch (error) {
    if (context.signal?.aborted) throw error;
    const reason = context.redact((error as Error).message);
    throw new TransientError(
      `Gmail could not be reached while ${context.doing} (${reason}); check the network`,
      {
        cause: error,
      },
    );
  }
}

export async function readBody(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ResponseTooLarge();
  }
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Leaving the loop early cancels the stream, so an oversized answer is not read to its end.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) break;
    chunks.push(chunk);
  }
  if (total > maxBytes) throw new ResponseTooLarge();
  return Buffer.concat(chunks).toString("utf8");
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
