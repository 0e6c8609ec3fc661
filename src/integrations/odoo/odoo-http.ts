/**
 * @module One HTTP exchange with Odoo, shared by both protocols and the report download: a bounded
 * wait, the body parsed as JSON when it is JSON, `Retry-After` read, and a network failure turned into
 * a typed error. Deciding what an answer means is left to the protocol.
 */
import { odooError } from "./odoo-fault.js";

/** Posting an invoice with many lines can take Odoo several seconds; a minute means it is stuck. */
export const ODOO_REQUEST_TIMEOUT_MS = 60_000;

export interface OdooHttpDeps {
  fetch: typeof fetch;
  now: () => Date;
  /** Removes the API key (and anything that looks like a secret) from text that may reach a person. */
  redact: (text: string) => string;
  timeoutMs?: number;
}

export interface OdooHttpRequest {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: unknown;
  /** For messages, e.g. `account.move.action_post`. */
  operation: string;
  signal?: AbortSignal;
  /** Return the raw bytes instead of parsing the body (reports). */
  binary?: boolean;
}

export interface OdooHttpResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  text: string;
  bytes: Uint8Array | undefined;
  retryAfterMs: number | undefined;
  resetAt: Date | undefined;
}

export async function sendOdooRequest(
  deps: OdooHttpDeps,
  request: OdooHttpRequest,
): Promise<OdooHttpResponse> {
  const timeout = AbortSignal.timeout(deps.timeoutMs ?? ODOO_REQUEST_TIMEOUT_MS);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await deps.fetch(request.url, {
      method: request.method ?? "POST",
      headers: {
        ...(request.body === undefined ? {} : { "Content-Type": "application/json; charset=utf-8" }),
        "User-Agent": "personal-ai-employee",
        ...request.headers,
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      redirect: "manual",
      signal,
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw odooError({
      operation: request.operation,
      network: true,
      message: deps.redact(describe(error)),
      cause: error,
    });
  }
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), deps.now());
  const resetAt = retryAfterMs === undefined ? undefined : new Date(deps.now().getTime() + retryAfterMs);
  if (request.binary && response.ok) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      headers: response.headers,
      json: undefined,
      text: "",
      bytes,
      retryAfterMs,
      resetAt,
    };
  }
  const text = await response.text();
  let json: unknown;
  if ((response.headers.get("content-type") ?? "").includes("json") || /^\s*[[{"]/.test(text)) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return {
    status: response.status,
    headers: response.headers,
    json,
    text,
    bytes: undefined,
    retryAfterMs,
    resetAt,
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return error.name === "TimeoutError" ? "timed out" : `${error.message}${cause}`;
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
