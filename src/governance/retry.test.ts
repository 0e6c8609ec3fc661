import { describe, expect, it } from "vitest";
import { AuthError } from "./errors/auth-error.js";
import { DataError } from "./errors/data-error.js";
import { RateLimitError } from "./errors/rate-limit-error.js";
import { TransientError } from "./errors/transient-error.js";
import { BASE_DELAY_MS, MAX_RETRIES, PARK_AFTER_MS, parkUntil, withRetry } from "./retry.js";

const NOW = new Date("2026-11-26T10:00:00Z");

/** An operation that throws the given errors in turn, then answers "ok"; it records every attempt. */
function failing(...errors: Error[]) {
  const attempts: number[] = [];
  return {
    attempts,
    operation: async () => {
      attempts.push(attempts.length + 1);
      const error = errors[attempts.length - 1];
      if (error) throw error;
      return "ok";
    },
  };
}

function options(retryable = true) {
  const sleeps: number[] = [];
  return { sleeps, retryable, now: () => NOW, sleep: async (ms: number) => void sleeps.push(ms) };
}

describe("withRetry", () => {
  it("retries transient failures with 1 s, 2 s, 4 s backoff and reports the retries", async () => {
    const { operation, attempts } = failing(
      new TransientError("503"),
      new TransientError("timeout"),
      new TransientError("reset"),
    );
    const retry = options();
    expect(await withRetry(operation, retry)).toEqual({ value: "ok", retries: 3 });
    expect(attempts).toHaveLength(4);
    expect(retry.sleeps).toEqual([BASE_DELAY_MS, 2 * BASE_DELAY_MS, 4 * BASE_DELAY_MS]);
  });

  it("answers with no retries when the first attempt works", async () => {
    expect(await withRetry(failing().operation, options())).toEqual({ value: "ok", retries: 0 });
  });

  it(`gives up after ${MAX_RETRIES} retries with the original error`, async () => {
    const last = new TransientError("still down");
    const { operation, attempts } = failing(
      new TransientError("1"),
      new TransientError("2"),
      new TransientError("3"),
      last,
    );
    await expect(withRetry(operation, options())).rejects.toBe(last);
    expect(attempts).toHaveLength(MAX_RETRIES + 1);
  });

  it("honours Retry-After when it asks for longer than the backoff", async () => {
    const retry = options();
    await withRetry(failing(new TransientError("429", { retryAfterMs: 5_000 })).operation, retry);
    expect(retry.sleeps).toEqual([5_000]);
  });

  it("waits for a rate-limit reset that is near", async () => {
    const retry = options();
    const resetAt = new Date(NOW.getTime() + 20_000);
    await withRetry(failing(new RateLimitError("429", { resetAt })).operation, retry);
    expect(retry.sleeps).toEqual([20_000]);
  });

  it("does not wait for a rate-limit reset that is far away: the error comes back at once", async () => {
    const error = new RateLimitError("429", { resetAt: new Date(NOW.getTime() + 10 * 60_000) });
    const { operation, attempts } = failing(error);
    const retry = options();
    await expect(withRetry(operation, retry)).rejects.toBe(error);
    expect(attempts).toHaveLength(1);
    expect(retry.sleeps).toEqual([]);
  });

  it.each([
    ["an authentication error", new AuthError("401 invalid token")],
    ["a data error", new DataError("bad input")],
    ["an unknown error", new Error("boom")],
  ])("does not retry %s", async (_name, error) => {
    const { operation, attempts } = failing(error);
    const retry = options();
    await expect(withRetry(operation, retry)).rejects.toBe(error);
    expect(attempts).toHaveLength(1);
    expect(retry.sleeps).toEqual([]);
  });

  it("does not retry at all when the call is not retryable (payments)", async () => {
    const error = new TransientError("timeout");
    const { operation, attempts } = failing(error);
    await expect(withRetry(operation, options(false))).rejects.toBe(error);
    expect(attempts).toHaveLength(1);
  });

  it("really waits with the default sleep, scaled by baseDelayMs", async () => {
    const started = performance.now();
    const { operation } = failing(new TransientError("1"), new TransientError("2"));
    expect(await withRetry(operation, { retryable: true, now: () => NOW, baseDelayMs: 20 })).toEqual({
      value: "ok",
      retries: 2,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe("parkUntil", () => {
  it("parks only waits longer than 30 s", () => {
    expect(
      parkUntil(new RateLimitError("429", { resetAt: new Date(NOW.getTime() + PARK_AFTER_MS) }), NOW),
    ).toBeUndefined();
    const far = new Date(NOW.getTime() + PARK_AFTER_MS + 1);
    expect(parkUntil(new RateLimitError("429", { resetAt: far }), NOW)).toEqual(far);
    expect(parkUntil(new TransientError("503", { retryAfterMs: 120_000 }), NOW)).toEqual(
      new Date(NOW.getTime() + 120_000),
    );
    expect(parkUntil(new TransientError("503"), NOW)).toBeUndefined();
    expect(parkUntil(new AuthError("401"), NOW)).toBeUndefined();
  });
});
