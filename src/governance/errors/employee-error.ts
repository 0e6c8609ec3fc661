/**
 * @module The base of the employee's small set of typed errors (the seed's error categories).
 * Every failure that crosses a layer is one of these, so recovery can be decided by `kind` alone.
 */

/** The seed's error categories, each with its own recovery strategy. */
export type ErrorKind = "transient" | "auth" | "data" | "logic" | "system";

export interface EmployeeErrorOptions {
  cause?: unknown;
}

export abstract class EmployeeError extends Error {
  abstract readonly kind: ErrorKind;
  /** Whether trying the same call again may succeed without a person changing anything. */
  abstract readonly retryable: boolean;

  constructor(message: string, options: EmployeeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

export function isEmployeeError(error: unknown): error is EmployeeError {
  return error instanceof EmployeeError;
}
