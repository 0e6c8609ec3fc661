/**
 * @module Gmail API answers that are not 2xx, as the employee's typed errors (after Google's "Resolve
 * errors" guide): 401 → AuthError, 429 and 403 rate limits → RateLimitError with the time to retry,
 * 5xx → TransientError, 400/404 → DataError. Messages never carry a token.
 */
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import type { EmployeeError } from "../../governance/errors/employee-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { gmailErrorSchema, oauthErrorSchema } from "./gmail-schemas.js";

const RATE_LIMIT_REASONS = new Set([
  "rateLimitExceeded",
  "userRateLimitExceeded",
  "quotaExceeded",
  "dailyLimitExceeded",
]);
const REAUTHORIZE = "run `ai-employee auth gmail` to authorize again and update GMAIL_REFRESH_TOKEN";

/** Retry-After is seconds or an HTTP date; Gmail also writes "Retry after <ISO time>" into the message. */
export function retryAfterMs(header: string | null, message: string, now: Date): number | undefined {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now.getTime());
  }
  const inText = /retry after (\S+?)\.?(?:\s|$)/i.exec(message)?.[1];
  const date = inText ? Date.parse(inText) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

export function gmailApiError(
  status: number,
  headers: Headers,
  body: string,
  context: { doing: string; now: Date; redact: (text: string) => string },
): EmployeeError {
  const parsed = gmailErrorSchema.safeParse(safeJson(body));
  const message = context.redact(parsed.success ? (parsed.data.error.message ?? "") : body.slice(0, 200));
  const reasons = parsed.success ? (parsed.data.error.errors ?? []).map((error) => error.reason ?? "") : [];
  const what = `Gmail answered ${status} while ${context.doing}${message ? `: ${message}` : ""}`;
  const wait = retryAfterMs(headers.get("retry-after"), message, context.now);
  const timing =
    wait === undefined ? {} : { retryAfterMs: wait, resetAt: new Date(context.now.getTime() + wait) };

  if (status === 429 || (status === 403 && reasons.some((reason) => RATE_LIMIT_REASONS.has(reason)))) {
    return new RateLimitError(`${what} (rate limited; wait before trying again)`, timing);
  }
  if (status === 401) return new AuthError(`${what}; ${REAUTHORIZE}`);
  if (status === 403)
    return new AuthError(`${what}; the authorization lacks a needed scope (gmail.modify); ${REAUTHORIZE}`);
  if (status >= 500) return new TransientError(what, wait === undefined ? {} : { retryAfterMs: wait });
  return new DataError(what);
}

export function oauthError(status: number, body: string, redact: (text: string) => string): EmployeeError {
  const parsed = oauthErrorSchema.safeParse(safeJson(body));
  const code = parsed.success ? parsed.data.error : `HTTP ${status}`;
  const description = redact(parsed.success ? (parsed.data.error_description ?? "") : "");
  const what = `Google refused the Gmail refresh token (${code}${description ? `: ${description}` : ""})`;
  if (status >= 500 || status === 429) return new TransientError(what);
  if (code === "invalid_client" || code === "unauthorized_client") {
    return new AuthError(`${what}; check GMAIL_CLIENT_ID and GMAIL_CLIENT_SECRET`);
  }
  return new AuthError(`${what}; ${REAUTHORIZE}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
