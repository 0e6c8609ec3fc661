/**
 * @module A thin `fetch` client for the Graph API endpoints WhatsApp uses: bearer token, JSON or
 * multipart bodies, a bounded wait, zod-checked answers, and every failure turned into a typed error.
 */
import type { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createRedactor } from "../../governance/redact.js";
import { toGraphError } from "./graph-error.js";

/** A send or a media lookup that has not answered in this time is treated as a network failure. */
export const GRAPH_REQUEST_TIMEOUT_MS = 30_000;
/** Error bodies are small JSON envelopes; anything longer is an HTML outage page and is cut. */
const MAX_ERROR_BODY_CHARS = 8_000;

export interface GraphClientDeps {
  baseUrl: string;
  accessToken: string;
  /** Other configured secrets that must never appear in an error message (the app secret). */
  otherSecrets?: readonly string[];
  fetch: typeof fetch;
  now: () => Date;
}

export interface GraphRequest<T> {
  method: "GET" | "POST";
  /** Relative to the versioned base URL, e.g. `/123/messages`. */
  path: string;
  json?: unknown;
  form?: FormData;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
}

export interface GraphClient {
  readonly baseUrl: string;
  request<T>(request: GraphRequest<T>): Promise<T>;
  /** Redacts the configured secrets (and credential-looking text) from a message. */
  redact(text: string): string;
}

export function createGraphClient(deps: GraphClientDeps): GraphClient {
  const redactor = createRedactor([deps.accessToken, ...(deps.otherSecrets ?? [])]);
  const baseUrl = deps.baseUrl.replace(/\/+$/, "");
  const host = new URL(baseUrl).host;

  async function request<T>(call: GraphRequest<T>): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${deps.accessToken}` };
    let body: string | FormData | undefined;
    if (call.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(call.json);
    } else if (call.form !== undefined) {
      body = call.form;
    }
    const timeout = AbortSignal.timeout(GRAPH_REQUEST_TIMEOUT_MS);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;

    let response: Response;
    try {
      response = await deps.fetch(`${baseUrl}${call.path}`, { method: call.method, headers, body, signal });
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason;
      const reason = timeout.aborted
        ? `no answer within ${GRAPH_REQUEST_TIMEOUT_MS / 1000} s`
        : describe(error);
      throw new TransientError(`Could not reach the Graph API at ${host}: ${redactor.text(reason)}.`, {
        cause: error,
      });
    }

    const text = await response.text().catch(() => "");
    if (!response.ok) {
      throw toGraphError({
        status: response.status,
        body: text.slice(0, MAX_ERROR_BODY_CHARS),
        headers: response.headers,
        now: deps.now(),
        redact: (value) => redactor.text(value),
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new DataError(
        `The Graph API answered ${call.method} ${pathOnly(call.path)} with something that is not JSON.`,
        {
          cause: error,
        },
      );
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      throw new DataError(
        `The Graph API answered ${call.method} ${pathOnly(call.path)} in an unexpected shape: ${parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`)
          .join("; ")}.`,
      );
    }
    return parsed.data;
  }

  return { baseUrl, request, redact: (text) => redactor.text(text) };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

function pathOnly(path: string): string {
  return path.split("?")[0] ?? path;
}
