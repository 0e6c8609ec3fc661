import { EmployeeError } from "./employee-error.js";

/** The work cannot be done as asked (a model's bad proposal, a business rule): a person reviews it. */
export class LogicError extends EmployeeError {
  override readonly name: string = "LogicError";
  readonly kind = "logic";
  readonly retryable = false;
}
