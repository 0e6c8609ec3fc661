import { EmployeeError, type EmployeeErrorOptions } from "./employee-error.js";

/** A network time-out, a 5xx, a connection reset: retried with backoff. */
export class TransientError extends EmployeeError {
  override readonly name: string = "TransientError";
  readonly kind = "transient";
  readonly retryable = true;
  /** How long the service asked us to wait (Retry-After), if it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: EmployeeErrorOptions & { retryAfterMs?: number } = {}) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}
