/**
 * @module X's failures mapped to the employee's typed errors, with messages that name the fix and never
 * carry a token. Rate limits and token expiry are handled by the session first; what reaches this map is
 * final.
 */
import type { ApiResponseError } from "twitter-api-v2";
import { z } from "zod";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import { isEmployeeError, type EmployeeError } from "../../governance/errors/employee-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";

/** X's problem document (v2) or the older `errors` array, as far as a message goes. */
const problem = z
  .object({
    title: z.string().optional(),
    detail: z.string().optional(),
    type: z.string().optional(),
    errors: z.array(z.object({ message: z.string().optional() }).loose()).optional(),
  })
  .loose();

export function xProblemText(data: unknown): string {
  const parsed = problem.safeParse(data);
  if (!parsed.success) return "";
  const { detail, title, errors } = parsed.data;
  // An invalid-request problem has a generic `detail`; the specific reason is in `errors`.
  const text = errors?.find((error) => error.message)?.message ?? detail ?? title ?? "";
  return text.trim().replace(/\.+$/, "");
}

function xProblemType(data: unknown): string {
  const parsed = problem.safeParse(data);
  return parsed.success ? (parsed.data.type ?? "") : "";
}

const DUPLICATE = /duplicate content/i;

/**
 * @param what what was being done, e.g. "posting on X", for the message.
 * @param clean removes secrets from text that X echoed back.
 */
/**
 * twitter-api-v2's errors carry a `type` ("response", "request", "partial-response"); matching on it
 * spares loading the library just to name its classes.
 */
export function isXResponseError(error: unknown): error is ApiResponseError {
  return error instanceof Error && (error as { type?: unknown }).type === "response";
}

function isXNetworkError(error: unknown): error is Error {
  const type = error instanceof Error ? (error as { type?: unknown }).type : undefined;
  return type === "request" || type === "partial-response";
}

export function mapXError(error: unknown, what: string, clean: (text: string) => string): EmployeeError {
  if (isEmployeeError(error)) return error;
  if (isXResponseError(error)) {
    const text = clean(xProblemText(error.data)) || `HTTP ${error.code}`;
    const cause = new Error(`X answered HTTP ${error.code}: ${text}`);
    if (error.code === 401) {
      return new AuthError(
        `X refused the access token while ${what}; authorize the app again and set new X_ACCESS_TOKEN and X_REFRESH_TOKEN values.`,
        { cause },
      );
    }
    if (error.code === 403 && DUPLICATE.test(text)) {
      return new LogicError(
        `X refused ${what}: it is a duplicate of a post already on the account. Change the text before posting again.`,
        { cause },
      );
    }
    if (error.code === 403 && /client-forbidden|unsupported-authentication/.test(xProblemType(error.data))) {
      return new AuthError(
        `X refused ${what}: the app is not allowed this call (${text}). Give the app "Read and write" permission in the X developer portal and authorize it again.`,
        { cause },
      );
    }
    if (error.code === 403) return new LogicError(`X refused ${what}: ${text}.`, { cause });
    if (error.code === 429) {
      return new RateLimitError(`X rate limit reached while ${what}; try again later.`, { cause });
    }
    if (error.code >= 500) {
      return new TransientError(
        `X had a server error while ${what} (HTTP ${error.code}); it will be retried.`,
        {
          cause,
        },
      );
    }
    return new DataError(`X rejected ${what}: ${text}.`, { cause });
  }
  if (isXNetworkError(error)) {
    return new TransientError(
      `Could not reach X while ${what} (network error or time-out); it will be retried.`,
      {
        cause: new Error(clean(error.message)),
      },
    );
  }
  return new TransientError(`Unexpected failure while ${what}: ${clean(String(error))}`, {
    cause: new Error(clean(String(error))),
  });
}
