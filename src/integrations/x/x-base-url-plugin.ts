/**
 * @module Points `twitter-api-v2` at `X_API_BASE_URL`. The library has no base-URL option: it builds
 * every URL from the hard-coded `https://api.x.com/` prefix. Its `onBeforeRequestConfig` plugin hook
 * receives the request parameters before the URL is parsed, so rewriting `params.url` there redirects
 * every request (API calls, media upload, token renewal) without forking the library. The same hook
 * sets a per-request time-out, which the library's v2 helpers never pass.
 */
import http from "node:http";
import type { ITwitterApiClientPlugin } from "twitter-api-v2";

const X_ORIGIN = "https://api.x.com";
/** A request to X that takes longer than this has stalled; the caller gets a transient error. */
export const X_REQUEST_TIMEOUT_MS = 30_000;

export function createXBaseUrlPlugin(apiBaseUrl: string): ITwitterApiClientPlugin {
  const base = apiBaseUrl.replace(/\/+$/, "");
  return {
    onBeforeRequestConfig({ params }) {
      if (params.url.startsWith(X_ORIGIN)) params.url = `${base}${params.url.slice(X_ORIGIN.length)}`;
      params.timeout ??= X_REQUEST_TIMEOUT_MS;
    },
  };
}

/**
 * The library sends with `https.request`, which refuses an `http:` URL unless given an agent that speaks
 * plain HTTP (a local proxy or a test server).
 */
export function xHttpAgentFor(apiBaseUrl: string): http.Agent | undefined {
  return new URL(apiBaseUrl).protocol === "http:" ? new http.Agent({ keepAlive: false }) : undefined;
}
