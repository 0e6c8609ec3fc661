/**
 * @module Maps an Odoo failure to the employee's typed errors. Both protocols carry the same exception
 * names (`odoo.exceptions.AccessError`, ...): JSON-RPC inside `{"error": {"code": 200, "message": "Odoo
 * Server Error", "data": {"name", "message"}}}` on HTTP 200, JSON-2 as `{"name", "message", ...}` with an
 * HTTP status (401 bad key, 403 access, 404 missing, 422 user/validation error, 500 anything else).
 * The exception name decides first; the HTTP status only when there is no Odoo body (a proxy, an outage).
 */
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import type { EmployeeError } from "../../governance/errors/employee-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";

export type OdooProtocol = "jsonrpc" | "json2";

export interface OdooFault {
  /** What was being called, e.g. `account.move.action_post` or `common.authenticate`. */
  operation: string;
  model?: string;
  httpStatus?: number;
  /** Odoo's exception class, e.g. `odoo.exceptions.AccessError`. */
  exceptionName?: string;
  /** Odoo's own message, kept for a person (already redacted by the caller). */
  message?: string;
  retryAfterMs?: number;
  /** When a rate limit lifts, from Retry-After and the caller's clock. */
  resetAt?: Date;
  /** The request never got an answer (refused, reset, timed out). */
  network?: boolean;
  cause?: unknown;
}

const CREDENTIALS_FIX =
  "check ODOO_USER and ODOO_API_KEY (create a new key under Preferences → Account Security in Odoo)";

/** Odoo's exceptions that mean "try again shortly": row locks and serialisation conflicts. */
const TRANSIENT_EXCEPTION =
  /(LockError|ConcurrencyError|SerializationFailure|OperationalError|InterfaceError|PoolError)$/;

export function odooError(fault: OdooFault): EmployeeError {
  const options = fault.cause === undefined ? {} : { cause: fault.cause };
  const said = fault.message ? `: ${fault.message}` : "";
  if (fault.network) {
    return new TransientError(
      `Odoo did not answer ${fault.operation}${said}; check ODOO_URL and that the server is running`,
      options,
    );
  }
  const name = fault.exceptionName ?? "";
  const short = name.split(".").pop() ?? "";

  if (short === "AccessDenied" || short === "Unauthorized" || short === "SessionExpiredException") {
    return new AuthError(
      `Odoo refused the credentials for ${fault.operation}${said}; ${CREDENTIALS_FIX}`,
      options,
    );
  }
  if (short === "AccessError") {
    const model = fault.model ?? "this model";
    return new AuthError(
      `The Odoo user in ODOO_USER may not do ${fault.operation} on ${model}${said}; give that user the Invoicing (Billing) rights in Odoo`,
      options,
    );
  }
  if (short === "ValidationError" || short === "UserError" || short === "RedirectWarning") {
    return new LogicError(`Odoo refused ${fault.operation}${said}`, options);
  }
  if (short === "MissingError") {
    return new DataError(
      `Odoo has no such record for ${fault.operation}${said}; it may have been deleted`,
      options,
    );
  }
  if (TRANSIENT_EXCEPTION.test(name)) {
    if (/database .*(does not exist|not found)/i.test(fault.message ?? "")) {
      return new AuthError(`Odoo has no such database${said}; check ODOO_DB`, options);
    }
    return new TransientError(`Odoo was busy with ${fault.operation}${said}`, options);
  }
  if (short === "NotFound") return notFound(fault, options);
  if (name !== "") {
    // Any other named exception (ValueError, TypeError, UnprocessableEntity...) is a call Odoo cannot run
    // as sent; repeating it cannot help.
    return new LogicError(`Odoo could not run ${fault.operation} (${short})${said}`, options);
  }
  return byStatus(fault, options);
}

function notFound(fault: OdooFault, options: { cause?: unknown }): EmployeeError {
  const said = fault.message ? `: ${fault.message}` : "";
  if (/database/i.test(fault.message ?? ""))
    return new AuthError(`Odoo has no such database${said}; check ODOO_DB`, options);
  return new LogicError(
    `Odoo has no ${fault.operation}${said}; check ODOO_URL and that the Invoicing app is installed`,
    options,
  );
}

function byStatus(fault: OdooFault, options: { cause?: unknown }): EmployeeError {
  const status = fault.httpStatus ?? 0;
  const said = fault.message ? `: ${fault.message}` : "";
  if (status === 429) {
    const resetAt = fault.resetAt;
    return new RateLimitError(`Odoo is rate-limiting requests (${fault.operation})${said}`, {
      ...options,
      ...(fault.retryAfterMs === undefined ? {} : { retryAfterMs: fault.retryAfterMs }),
      ...(resetAt === undefined ? {} : { resetAt }),
    });
  }
  if (status === 401 || status === 403) {
    return new AuthError(`Odoo answered ${status} to ${fault.operation}${said}; ${CREDENTIALS_FIX}`, options);
  }
  if (status === 404) return notFound(fault, options);
  if (status >= 300 && status < 400) {
    return new LogicError(
      `Odoo redirected ${fault.operation} (HTTP ${status}); set ODOO_URL to the address Odoo is served at (often https://)`,
      options,
    );
  }
  if (status === 408 || status >= 500 || status === 0) {
    return new TransientError(`Odoo failed with HTTP ${status} on ${fault.operation}${said}`, {
      ...options,
      ...(fault.retryAfterMs === undefined ? {} : { retryAfterMs: fault.retryAfterMs }),
    });
  }
  return new LogicError(`Odoo answered HTTP ${status} to ${fault.operation}${said}`, options);
}
