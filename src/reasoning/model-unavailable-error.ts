/**
 * @module The model could not be used for this task — unreachable, too slow, rate-limited, failing, or
 * the day's token budget is spent. Not the task's fault: the offline rules reasoner takes it over and
 * the model is tried again on the next task that needs it.
 */
import type { EmployeeErrorOptions } from "../governance/errors/employee-error.js";
import { TransientError } from "../governance/errors/transient-error.js";

export type ModelUnavailableReason =
  "unreachable" | "timed_out" | "rate_limited" | "server_error" | "over_budget";

export class ModelUnavailableError extends TransientError {
  override readonly name: string = "ModelUnavailableError";
  readonly reason: ModelUnavailableReason;

  constructor(
    reason: ModelUnavailableReason,
    message: string,
    options: EmployeeErrorOptions & { retryAfterMs?: number } = {},
  ) {
    super(message, options);
    this.reason = reason;
  }
}
