import { EmployeeError } from "./employee-error.js";

/** Corrupted file, missing field, unparseable input: the item is quarantined with an alert. */
export class DataError extends EmployeeError {
  override readonly name: string = "DataError";
  readonly kind = "data";
  readonly retryable = false;
}
