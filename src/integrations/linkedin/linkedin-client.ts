/**
 * @module A thin `fetch` client for LinkedIn's versioned REST API (`/rest/...`). LinkedIn's own SDK for
 * JavaScript is unmaintained; every call needs the `LinkedIn-Version` and `X-Restli-Protocol-Version:
 * 2.0.0` headers, which this client always sends. Failures become typed errors via `mapLinkedInError`.
 */
import { TransientError } from "../../governance/errors/transient-error.js";
import { createRedactor } from "../../governance/redact.js";
import type { LinkedInConfig } from "./linkedin-config.js";
import { mapLinkedInError } from "./linkedin-error.js";

export interface LinkedInResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface LinkedInRequest {
  method: "GET" | "POST";
  /** Relative to the API root, e.g. `/rest/posts`. */
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
  /** Rest.li needs `X-RestLi-Method` for finders such as `q=author`. */
  restliMethod?: "FINDER";
  what: string;
}

export interface LinkedInClient {
  send(request: LinkedInRequest): Promise<LinkedInResponse>;
}

export interface LinkedInClientDeps {
  config: LinkedInConfig;
  fetch: typeof globalThis.fetch;
  now: () => Date;
}

/** A LinkedIn call that takes longer than this has stalled; the caller gets a transient error. */
export const LINKEDIN_REQUEST_TIMEOUT_MS = 30_000;

export function createLinkedInClient(deps: LinkedInClientDeps): LinkedInClient {
  const { config } = deps;
  const redactor = createRedactor([config.accessToken]);
  const clean = (text: string) => redactor.text(text);
  return {
    async send(request) {
      const url = new URL(`${config.apiBaseUrl}${request.path}`);
      for (const [key, value] of Object.entries(request.query ?? {}))
        url.searchParams.set(key, String(value));
      let response: Response;
      try {
        response = await deps.fetch(url, {
          method: request.method,
          headers: {
            authorization: `Bearer ${config.accessToken}`,
            "linkedin-version": config.version,
            "x-restli-protocol-version": "2.0.0",
            ...(request.restliMethod ? { "x-restli-method": request.restliMethod } : {}),
            ...(request.body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          signal: AbortSignal.timeout(LINKEDIN_REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        throw new TransientError(
          `Could not reach LinkedIn while ${request.what} (network error or time-out).`,
          {
            cause: new Error(clean(String(error))),
          },
        );
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      if (!response.ok) {
        throw mapLinkedInError(response.status, body, response.headers, {
          what: request.what,
          version: config.version,
          now: deps.now(),
          clean,
        });
      }
      return { status: response.status, headers: response.headers, body };
    },
  };
}
