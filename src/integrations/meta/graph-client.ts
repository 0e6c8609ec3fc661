/**
 * @module A thin `fetch` client for the Graph API (Meta ships no maintained Node SDK for Pages and
 * Instagram publishing). The token travels in the `Authorization` header, never in a URL that a proxy
 * or a log could keep; answers are JSON; failures become typed errors through `mapGraphError`.
 */
import { TransientError } from "../../governance/errors/transient-error.js";
import { createRedactor } from "../../governance/redact.js";
import { graphErrorBody, mapGraphError } from "./graph-error.js";

export type GraphParams = Record<string, string | number | boolean | undefined>;

export interface GraphClient {
  /** `path` is relative to the versioned root, e.g. `123/feed`. */
  get(path: string, query: GraphParams, what: string): Promise<unknown>;
  post(path: string, params: GraphParams, what: string): Promise<unknown>;
  /**
   * For figures Meta may decline to give (a retired insights metric, 100; too few viewers or no
   * insights permission, 10): undefined instead of an error. Every other failure still throws.
   */
  getOptional(path: string, query: GraphParams, what: string): Promise<unknown>;
}

/** Graph codes that mean "this figure is not available", not "this call failed". */
const UNAVAILABLE_FIGURE = new Set([10, 100]);

export interface GraphClientDeps {
  /** The versioned root, e.g. `https://graph.facebook.com/v26.0`. */
  baseUrl: string;
  accessToken: string;
  /** Named in the message when the token is refused. */
  tokenVariable: string;
  fetch: typeof globalThis.fetch;
  now: () => Date;
}

/** A Graph call that takes longer than this has stalled; the caller gets a transient error. */
export const GRAPH_REQUEST_TIMEOUT_MS = 30_000;

export function createGraphClient(deps: GraphClientDeps): GraphClient {
  const redactor = createRedactor([deps.accessToken]);
  const clean = (text: string) => redactor.text(text);

  function url(path: string, query: GraphParams = {}): URL {
    const target = new URL(`${deps.baseUrl}/${path.split("/").map(encodeURIComponent).join("/")}`);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) target.searchParams.set(key, String(value));
    return target;
  }

  async function send(target: URL, init: RequestInit, what: string, optional = false): Promise<unknown> {
    let response: Response;
    try {
      response = await deps.fetch(target, {
        ...init,
        headers: { ...init.headers, authorization: `Bearer ${deps.accessToken}`, accept: "application/json" },
        signal: AbortSignal.timeout(GRAPH_REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new TransientError(`Could not reach the Graph API while ${what} (network error or time-out).`, {
        cause: new Error(clean(String(error))),
      });
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? {} : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (response.ok && body !== undefined) return body;
    const parsed = graphErrorBody.safeParse(body);
    const code = parsed.success ? parsed.data.error.code : undefined;
    if (optional && code !== undefined && UNAVAILABLE_FIGURE.has(code)) return undefined;
    throw mapGraphError(response.status, parsed.success ? parsed.data.error : undefined, response.headers, {
      what,
      tokenVariable: deps.tokenVariable,
      now: deps.now(),
      clean,
    });
  }

  return {
    get(path, query, what) {
      return send(url(path, query), { method: "GET" }, what);
    },
    getOptional(path, query, what) {
      return send(url(path, query), { method: "GET" }, what, true);
    },
    post(path, params, what) {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(params))
        if (value !== undefined) form.set(key, String(value));
      return send(
        url(path),
        { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } },
        what,
      );
    },
  };
}
