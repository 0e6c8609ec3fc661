import { EmployeeError } from "./employee-error.js";

/** A component crashed, the disk is full: the supervisor restarts the component with backoff. */
export class SystemError extends EmployeeError {
  override readonly name: string = "SystemError";
  readonly kind = "system";
  readonly retryable = true;
}
