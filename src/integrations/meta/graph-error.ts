/**
 * @module Graph API failures mapped to the employee's typed errors, after Meta's error-handling guide:
 * 190 token → auth, 4/17/32/613 throttling → rate limit (with the reset Meta estimates in its usage
 * headers), 5xx or `is_transient` → transient, 100 invalid parameter → data with Meta's message.
 */
import { z } from "zod";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import type { EmployeeError } from "../../governance/errors/employee-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";

export const graphErrorBody = z.object({
  error: z
    .object({
      message: z.string().default(""),
      type: z.string().optional(),
      code: z.number().optional(),
      error_subcode: z.number().optional(),
      is_transient: z.boolean().optional(),
      error_user_title: z.string().optional(),
      error_user_msg: z.string().optional(),
      fbtrace_id: z.string().optional(),
    })
    .loose(),
});

export type GraphErrorDetail = z.infer<typeof graphErrorBody>["error"];

/** Meta's throttling codes: app (4), user (17), Page (32), a specific call's limit (613). */
const THROTTLED = new Set([4, 17, 32, 613]);
/** Expired, revoked or invalid token; 102 is the older session variant. */
const TOKEN = new Set([190, 102]);
const PERMISSION = (code: number) => code === 10 || (code >= 200 && code <= 299);

export interface GraphErrorContext {
  /** e.g. "posting to the Facebook Page". */
  what: string;
  /** The variable a person fixes when the token is refused, e.g. FACEBOOK_PAGE_TOKEN. */
  tokenVariable: string;
  now: Date;
  clean: (text: string) => string;
}

export function mapGraphError(
  status: number,
  error: GraphErrorDetail | undefined,
  headers: Headers,
  context: GraphErrorContext,
): EmployeeError {
  const code = error?.code;
  const message = context.clean(error?.message || `HTTP ${status}`).replace(/\.+$/, "");
  const cause = new Error(`Graph API answered HTTP ${status}, code ${code ?? "none"}: ${message}`);
  if (code !== undefined && TOKEN.has(code)) {
    return new AuthError(
      `Meta refused the access token while ${context.what} (expired or revoked); create a new one and set ${context.tokenVariable}.`,
      { cause },
    );
  }
  if (code !== undefined && THROTTLED.has(code)) {
    const resetAt = resetFromUsageHeaders(headers, context.now);
    const when = resetAt ? `Meta expects access again at ${resetAt.toISOString()}` : "try again later";
    return new RateLimitError(
      `Meta's rate limit was reached while ${context.what} (code ${code}); ${when}.`,
      {
        cause,
        ...(resetAt ? { resetAt, retryAfterMs: resetAt.getTime() - context.now.getTime() } : {}),
      },
    );
  }
  if (code !== undefined && PERMISSION(code)) {
    return new AuthError(
      `Meta refused ${context.what} for lack of permission (${message}); grant the app the permission and renew ${context.tokenVariable}.`,
      { cause },
    );
  }
  if (code === 506) {
    return new LogicError(
      `Meta refused ${context.what}: it duplicates a post already published. Change the text.`,
      {
        cause,
      },
    );
  }
  if (status >= 500 || error?.is_transient === true || code === 1 || code === 2) {
    return new TransientError(
      `Meta had a temporary problem while ${context.what} (${message}); it will be retried.`,
      {
        cause,
      },
    );
  }
  return new DataError(`Meta rejected ${context.what}: ${message}.`, { cause });
}

const usage = z.record(
  z.string(),
  z.array(z.object({ estimated_time_to_regain_access: z.number().optional() }).loose()),
);

/**
 * Meta reports `estimated_time_to_regain_access` (minutes) per business use case in
 * `X-Business-Use-Case-Usage`; the latest of them is when every limit has lifted.
 */
function resetFromUsageHeaders(headers: Headers, now: Date): Date | undefined {
  const header = headers.get("x-business-use-case-usage");
  if (!header) return undefined;
  let parsed: z.infer<typeof usage>;
  try {
    parsed = usage.parse(JSON.parse(header));
  } catch {
    return undefined;
  }
  const minutes = Object.values(parsed)
    .flat()
    .map((entry) => entry.estimated_time_to_regain_access ?? 0);
  const longest = Math.max(0, ...minutes);
  return longest > 0 ? new Date(now.getTime() + longest * 60_000) : undefined;
}
