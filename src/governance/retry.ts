/**
 * @module Error recovery for one outward call (the seed's retry logic): transient failures are retried
 * up to 3 times with 1 s, 2 s, 4 s backoff, honouring Retry-After; a rate limit whose reset is more than
 * 30 s away is not waited for (the action is parked and the caller answers at once); everything else,
 * and every payment, fails on the first error.
 */
import pRetry from "p-retry";
import { isEmployeeError } from "./errors/employee-error.js";
import { RateLimitError } from "./errors/rate-limit-error.js";
import { TransientError } from "./errors/transient-error.js";

/** The seed's "max 3 attempts for transient errors". */
export const MAX_RETRIES = 3;
/** The seed's backoff: 1 s, 2 s, 4 s. */
export const BASE_DELAY_MS = 1_000;
/** Past this, waiting in process would hold a worker for nothing: park the action instead. */
export const PARK_AFTER_MS = 30_000;

export interface RetryOptions {
  /** Payments are never retried automatically. */
  retryable: boolean;
  now(): Date;
  baseDelayMs?: number;
  sleep?(ms: number): Promise<void>;
  onRetry?(attempt: number, error: unknown): void;
}

export interface RetryOutcome<T> {
  value: T;
  retries: number;
}

/** Thrown (as the original error) when the action must be parked; `parkUntil` says until when. */
export function parkUntil(error: unknown, now: Date): Date | undefined {
  if (!(error instanceof RateLimitError) && !(error instanceof TransientError)) return undefined;
  const resetAt = error instanceof RateLimitError ? error.resetAt : undefined;
  const waitMs = resetAt ? resetAt.getTime() - now.getTime() : (error.retryAfterMs ?? 0);
  return waitMs > PARK_AFTER_MS ? new Date(now.getTime() + waitMs) : undefined;
}

export async function withRetry<T>(
  operation: () => Promise<T>,
  options: RetryOptions,
): Promise<RetryOutcome<T>> {
  const base = options.baseDelayMs ?? BASE_DELAY_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let retries = 0;
  const value = await pRetry(operation, {
    retries: options.retryable ? MAX_RETRIES : 0,
    // The backoff is ours (below), so the library waits nothing itself.
    minTimeout: 0,
    maxTimeout: 0,
    randomize: false,
    shouldRetry: ({ error }) =>
      isEmployeeError(error) &&
      error.retryable &&
      error.kind === "transient" &&
      parkUntil(error, options.now()) === undefined,
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft === 0 || !isEmployeeError(error) || error.kind !== "transient") return;
      if (parkUntil(error, options.now()) !== undefined) return;
      const backoff = base * 2 ** (attemptNumber - 1);
      const resetAt = error instanceof RateLimitError ? error.resetAt : undefined;
      const asked = resetAt
        ? resetAt.getTime() - options.now().getTime()
        : ((error as TransientError).retryAfterMs ?? 0);
      retries = attemptNumber;
      options.onRetry?.(attemptNumber, error);
      await sleep(Math.max(backoff, asked));
    },
  });
  return { value, retries };
}
