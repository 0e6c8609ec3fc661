import { EmployeeError } from "./employee-error.js";

/** Expired token, revoked access, wrong password: the integration pauses and a person is alerted. */
export class AuthError extends EmployeeError {
  override readonly name: string = "AuthError";
  readonly kind = "auth";
  readonly retryable = false;
}
