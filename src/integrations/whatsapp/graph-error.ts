/**
 * @module Maps a Graph API failure (`{ error: { message, type, code, error_subcode, error_data } }`) to
 * the employee's typed errors, with a message that says what to do. Mapping is by `code` first, as Meta
 * recommends, and by HTTP status only when the envelope is missing (a proxy, an outage page).
 */
import { z } from "zod";
import { AuthError } from "../../governance/errors/auth-error.js";
import type { EmployeeError } from "../../governance/errors/employee-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";

const numeric = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const envelopeSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: numeric.optional(),
    error_subcode: numeric.optional(),
    error_data: z.union([z.object({ details: z.string().optional() }), z.string()]).optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/** Meta's Business Use Case usage header: estimated minutes until calls are accepted again. */
const usageSchema = z.record(
  z.string(),
  z.array(z.object({ estimated_time_to_regain_access: z.number().optional() })),
);

export const WINDOW_CLOSED_CODE = 131047;
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 80007, 130429, 131056]);
const PERMISSION_CODES: ReadonlySet<number> = new Set([3, 10]);
const TRANSIENT_CODES: ReadonlySet<number> = new Set([1, 2, 131000, 131016]);
/** Meta allows about one message every six seconds to the same person (the pair rate). */
const PAIR_RATE_INTERVAL_MS = 6_000;

/** What each well-known code means for a person, used for synchronous errors and failed-status webhooks. */
export function explainWhatsAppErrorCode(code: number): string | undefined {
  switch (code) {
    case 190:
      return "the access token expired or was revoked: create a new system-user token and set WHATSAPP_ACCESS_TOKEN";
    case 4:
      return "too many Graph API calls for this app: wait before sending again";
    case 80007:
      return "the WhatsApp Business Account reached its rate limit: wait before sending again";
    case 130429:
      return "the phone number's message throughput limit was reached: wait before sending again";
    case 131056:
      return "too many messages to this person in a short time: wait a few seconds before sending again";
    case WINDOW_CLOSED_CODE:
      return "outside the 24-hour window: the client must write first or a template message is needed";
    case 131026:
      return "the message could not be delivered: the number may not use WhatsApp or has an old app version";
    case 131051:
      return "this message type is not supported";
    default:
      return undefined;
  }
}

export interface GraphFailure {
  status: number;
  /** The response body as text (already bounded by the caller). */
  body: string;
  headers: Headers;
  now: Date;
  /** Applied to vendor text before it goes into a message: no token ever reaches a log. */
  redact: (text: string) => string;
}

export function toGraphError(failure: GraphFailure): EmployeeError {
  const { status, now, redact } = failure;
  const parsed = envelopeSchema.safeParse(safeJson(failure.body));
  const error = parsed.success ? parsed.data.error : undefined;
  const code = error?.code;
  const details = typeof error?.error_data === "object" ? error.error_data.details : error?.error_data;
  const vendorText = redact(
    [error?.message, details].filter((part): part is string => Boolean(part)).join(" — ") || `HTTP ${status}`,
  );
  const label = code === undefined ? `HTTP ${status}` : `Graph error ${code}${subcode(error?.error_subcode)}`;

  if (code === 190 || (code === undefined && status === 401)) {
    return new AuthError(
      `WhatsApp rejected the access token (${label}: ${vendorText}). Create a new token for the system user in Meta Business Suite and set WHATSAPP_ACCESS_TOKEN.`,
    );
  }
  if (code !== undefined && (PERMISSION_CODES.has(code) || (code >= 200 && code <= 299))) {
    return new AuthError(
      `The WhatsApp access token lacks a permission (${label}: ${vendorText}). Give the system user the whatsapp_business_messaging permission for this phone number, then set WHATSAPP_ACCESS_TOKEN.`,
    );
  }
  if ((code !== undefined && RATE_LIMIT_CODES.has(code)) || (code === undefined && status === 429)) {
    const waitMs =
      retryAfterMs(failure.headers, now) ?? (code === 131056 ? PAIR_RATE_INTERVAL_MS : undefined);
    const hint =
      code === undefined ? "too many requests: wait before sending again" : explainWhatsAppErrorCode(code);
    return new RateLimitError(
      `WhatsApp rate limit (${label}): ${hint}. ${vendorText}`,
      waitMs === undefined ? {} : { retryAfterMs: waitMs, resetAt: new Date(now.getTime() + waitMs) },
    );
  }
  if (code === WINDOW_CLOSED_CODE) {
    return new LogicError(
      `The WhatsApp message was not sent: ${explainWhatsAppErrorCode(code)} (${label}: ${vendorText}).`,
    );
  }
  if (status >= 500 || (code !== undefined && TRANSIENT_CODES.has(code))) {
    const waitMs = retryAfterMs(failure.headers, now);
    return new TransientError(
      `The WhatsApp Cloud API is unavailable (${label}: ${vendorText}); try again later.`,
      waitMs === undefined ? {} : { retryAfterMs: waitMs },
    );
  }
  const hint = code === undefined ? undefined : explainWhatsAppErrorCode(code);
  return new LogicError(
    `The WhatsApp Cloud API refused the request (${label}: ${vendorText})${hint ? `: ${hint}` : ""}.`,
  );
}

function subcode(value: number | undefined): string {
  return value === undefined ? "" : `/${value}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Retry-After (seconds or a date), else the largest estimated_time_to_regain_access (minutes). */
function retryAfterMs(headers: Headers, now: Date): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now.getTime());
  }
  const usage = usageSchema.safeParse(safeJson(headers.get("x-business-use-case-usage") ?? ""));
  if (!usage.success) return undefined;
  const minutes = Object.values(usage.data)
    .flat()
    .map((item) => item.estimated_time_to_regain_access ?? 0);
  const longest = Math.max(0, ...minutes);
  return longest > 0 ? longest * 60_000 : undefined;
}
