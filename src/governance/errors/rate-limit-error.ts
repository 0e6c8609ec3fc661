import type { EmployeeErrorOptions } from "./employee-error.js";
import { TransientError } from "./transient-error.js";

/**
 * A service said "too many requests". When its reset is far away the action is parked instead of
 * retried (see retry.ts), so `resetAt` is kept as an absolute time.
 */
export class RateLimitError extends TransientError {
  override readonly name: string = "RateLimitError";
  readonly resetAt: Date | undefined;

  constructor(
    message: string,
    options: EmployeeErrorOptions & { resetAt?: Date; retryAfterMs?: number } = {},
  ) {
    super(message, options);
    this.resetAt = options.resetAt;
  }
}
