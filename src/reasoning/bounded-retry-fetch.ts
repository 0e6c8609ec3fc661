/**
 * @module The fetch the model client uses: the SDK retries a 429 or a 5xx and waits as long as the
 * server's Retry-After says — an hour, if it says so. A wait longer than MAX_RETRY_AFTER_SECONDS is not
 * made: the response is marked `x-should-retry: false` so the SDK gives up at once, and the task is
 * planned offline instead (DESIGN.md: a far-away reset parks the work rather than waiting).
 */

/** The longest Retry-After a task waits for before the model counts as unavailable for it. */
export const MAX_RETRY_AFTER_SECONDS = 30;

/** Seconds from `retry-after-ms` or `retry-after` (seconds or an HTTP date); undefined when neither. */
export function retryAfterSeconds(headers: Headers): number | undefined {
  const milliseconds = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds)) return milliseconds / 1000;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number.parseFloat(value);
  return Number.isFinite(seconds) ? seconds : (Date.parse(value) - Date.now()) / 1000;
}

export function boundedRetryFetch(inner: typeof fetch): typeof fetch {
  return async (url, init) => {
    const response = await inner(url, init);
    if (response.status !== 429 && response.status < 500) return response;
    const seconds = retryAfterSeconds(response.headers);
    if (seconds === undefined || seconds <= MAX_RETRY_AFTER_SECONDS) return response;
    const headers = new Headers(response.headers);
    headers.set("x-should-retry", "false");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}
