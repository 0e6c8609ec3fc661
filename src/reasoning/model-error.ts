/**
 * @module What went wrong with a model call, as the employee's typed errors: the endpoint is unavailable
 * for this task (ModelUnavailableError: the offline reasoner takes over), the key is refused (AuthError),
 * or the request itself is refused (LogicError). Each message names the setting that fixes it.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "openai";
import { AuthError } from "../governance/errors/auth-error.js";
import { LogicError } from "../governance/errors/logic-error.js";
import { retryAfterSeconds } from "./bounded-retry-fetch.js";
import { ModelUnavailableError } from "./model-unavailable-error.js";

export interface ModelCallContext {
  baseUrl: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  /** Fired when the call's own time-out ran out. */
  deadline: AbortSignal;
}

export function modelError(error: unknown, context: ModelCallContext): unknown {
  const { model } = context;
  if (
    error instanceof APIUserAbortError ||
    error instanceof APIConnectionTimeoutError ||
    context.deadline.aborted
  ) {
    const seconds = Math.round(context.timeoutMs / 1000);
    return new ModelUnavailableError(
      "timed_out",
      `the model did not answer within ${seconds} s (LLM_TIMEOUT_SECONDS)`,
      { cause: error },
    );
  }
  if (error instanceof APIConnectionError) {
    return new ModelUnavailableError(
      "unreachable",
      `the model endpoint ${context.baseUrl} cannot be reached: start the model server or fix LLM_BASE_URL`,
      { cause: error },
    );
  }
  if (error instanceof RateLimitError) {
    const wait = retryAfterSeconds(error.headers);
    return new ModelUnavailableError(
      "rate_limited",
      `the model endpoint is rate-limited${wait ? ` for ${Math.ceil(wait)} s` : ""}`,
      { cause: error, ...(wait ? { retryAfterMs: wait * 1000 } : {}) },
    );
  }
  if (
    error instanceof APIError &&
    typeof error.status === "number" &&
    (error.status >= 500 || error.status === 408)
  ) {
    return new ModelUnavailableError(
      "server_error",
      `the model endpoint failed (HTTP ${error.status}) after ${context.maxRetries} retries`,
      { cause: error },
    );
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new AuthError(
      `the model endpoint refused the credentials (HTTP ${error.status}): set LLM_API_KEY in .env`,
      { cause: error },
    );
  }
  if (error instanceof NotFoundError) {
    return new LogicError(
      `the model endpoint has no model "${model}" (HTTP 404): pull it (e.g. "ollama pull ${model}") or set LLM_MODEL`,
      { cause: error },
    );
  }
  if (error instanceof APIError) {
    return new LogicError(
      `the model endpoint refused the request (HTTP ${String(error.status)}): ${error.message.slice(0, 200)}`,
      { cause: error },
    );
  }
  return error;
}
