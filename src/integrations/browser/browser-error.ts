/**
 * @module Playwright's and Chromium's failures as the employee's typed errors, with a message that names
 * the fix. A navigation stopped by the allow-list proxy is a LogicError that names the host.
 */
import { isEmployeeError, type EmployeeError } from "../../governance/errors/employee-error.js";
import { SystemError } from "../../governance/errors/system-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";

/** Chromium's net error names, e.g. `net::ERR_NAME_NOT_RESOLVED`. */
const NET_ERROR = /net::(ERR_[A-Z_]+)/;
const CLOSED =
  /Target page, context or browser has been closed|Browser has been closed|browser has disconnected/i;

export function toBrowserError(error: unknown, what: string): EmployeeError {
  if (isEmployeeError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  // playwright-core is loaded only when a browser starts, so its error class is matched by name.
  if (error instanceof Error && error.name === "TimeoutError") {
    return new TransientError(`${what} took too long: the page did not answer in time`, { cause: error });
  }
  const netError = NET_ERROR.exec(message)?.[1];
  if (netError !== undefined) {
    return new TransientError(`${what} failed: the page could not be loaded (${netError})`, { cause: error });
  }
  if (CLOSED.test(message)) {
    return new SystemError(
      `${what} failed: the browser closed unexpectedly; it starts again on the next call`,
      {
        cause: error,
      },
    );
  }
  // Playwright's messages carry a call log; the first line says what went wrong.
  const firstLine = message.split("\n", 1)[0] ?? message;
  return new SystemError(`${what} failed in the browser: ${firstLine}`, { cause: error });
}
