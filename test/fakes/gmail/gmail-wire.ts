/**
 * @module How the fake Gmail answers on the wire, after Google's reference: JSON bodies, the error
 * envelope `{ error: { code, message, errors: [{ message, domain, reason }], status } }`, and
 * opaque page tokens over `maxResults`-sized pages.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Google's own cap on messages.list and history.list pages. */
const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 100;
/** Gmail's API takes messages up to 35 MB; larger request bodies are cut off. */
const MAX_REQUEST_BYTES = 50 * 1024 * 1024;

const STATUS_TEXT: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  reason: string,
  headers: Record<string, string> = {},
) {
  const domain = status === 429 || reason.endsWith("LimitExceeded") ? "usageLimits" : "global";
  sendJson(
    response,
    status,
    {
      error: {
        code: status,
        message,
        errors: [{ message, domain, reason }],
        status: STATUS_TEXT[status] ?? "UNKNOWN",
      },
    },
    headers,
  );
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_REQUEST_BYTES) throw new Error("request too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function page<T>(items: T[], query: URLSearchParams): { items: T[]; nextPageToken?: string } {
  const size = Math.min(
    Number(query.get("maxResults") ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
  );
  const offset = Number(Buffer.from(query.get("pageToken") ?? "", "base64url").toString() || "0");
  const slice = items.slice(offset, offset + size);
  const next =
    offset + size < items.length ? Buffer.from(String(offset + size)).toString("base64url") : undefined;
  return { items: slice, ...(next ? { nextPageToken: next } : {}) };
}
