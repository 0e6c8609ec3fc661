/**
 * @module LinkedIn's failures mapped to the employee's typed errors: 401 → auth, 403 → auth (missing
 * permission), 426 retired version → logic (raise LINKEDIN_VERSION), 422 → data, 429 → rate limit
 * (LinkedIn's daily quotas reset at midnight UTC), 5xx → transient.
 */
import { z } from "zod";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import type { EmployeeError } from "../../governance/errors/employee-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";

const errorBody = z
  .object({
    message: z.string().optional(),
    code: z.string().optional(),
    serviceErrorCode: z.number().optional(),
    errorDetails: z
      .object({ inputErrors: z.array(z.object({ description: z.string().optional() }).loose()).optional() })
      .loose()
      .optional(),
  })
  .loose();

export interface LinkedInErrorContext {
  what: string;
  version: string;
  now: Date;
  clean: (text: string) => string;
}

export function mapLinkedInError(
  status: number,
  body: unknown,
  headers: Headers,
  context: LinkedInErrorContext,
): EmployeeError {
  const parsed = errorBody.safeParse(body);
  const details = parsed.success
    ? [
        parsed.data.message,
        ...(parsed.data.errorDetails?.inputErrors ?? []).map((error) => error.description),
      ]
    : [];
  const text = context
    .clean(details.filter((part) => part).join("; ") || `HTTP ${status}`)
    .replace(/\.+$/, "");
  const code = parsed.success ? parsed.data.code : undefined;
  const cause = new Error(`LinkedIn answered HTTP ${status}${code ? ` ${code}` : ""}: ${text}`);
  if (status === 426 || code === "NONEXISTENT_VERSION" || code === "VERSION_MISSING") {
    return new LogicError(
      `LinkedIn no longer serves API version ${context.version} (${text}); set LINKEDIN_VERSION to a current version (YYYYMM) from LinkedIn's versioning guide.`,
      { cause },
    );
  }
  if (status === 401) {
    return new AuthError(
      `LinkedIn refused the access token while ${context.what} (tokens last 60 days); create a new one and set LINKEDIN_ACCESS_TOKEN.`,
      { cause },
    );
  }
  if (status === 403) {
    return new AuthError(
      `LinkedIn refused ${context.what} (${text}); the token needs w_member_social for a person or w_organization_social for a Page, and LINKEDIN_AUTHOR_URN must be one it may post as.`,
      { cause },
    );
  }
  if (status === 429) {
    const retryAfter = Number(headers.get("retry-after"));
    const resetAt =
      Number.isFinite(retryAfter) && retryAfter > 0
        ? new Date(context.now.getTime() + retryAfter * 1000)
        : nextUtcMidnight(context.now);
    return new RateLimitError(
      `LinkedIn's rate limit was reached while ${context.what}; it resets at ${resetAt.toISOString()}.`,
      { cause, resetAt, retryAfterMs: resetAt.getTime() - context.now.getTime() },
    );
  }
  if (status >= 500) {
    return new TransientError(
      `LinkedIn had a server error while ${context.what} (HTTP ${status}); it will be retried.`,
      {
        cause,
      },
    );
  }
  return new DataError(`LinkedIn rejected ${context.what}: ${text}.`, { cause });
}

/** LinkedIn's application and member daily limits reset at midnight UTC. */
function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
