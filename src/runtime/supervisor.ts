/**
 * @module The watchdog for long-running components: a component that crashes is restarted with
 * exponential backoff, and its health says so; the employee itself keeps running.
 */
import type { Health } from "./health.js";

/** The first restart waits this long, doubling each time, up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 1_000;
/** A component down for long is retried every five minutes, not hammered. */
export const MAX_BACKOFF_MS = 5 * 60_000;
/** A run that lasted this long was healthy: the next crash starts the backoff again. */
const HEALTHY_RUN_MS = 60_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

export async function supervise(
  name: string,
  run: (signal: AbortSignal) => Promise<void>,
  deps: { health: Health; signal: AbortSignal; say(line: string): void },
): Promise<void> {
  let backoff = FIRST_BACKOFF_MS;
  while (!deps.signal.aborted) {
    const started = Date.now();
    try {
      await run(deps.signal);
      if (deps.signal.aborted) return;
      throw new Error("stopped on its own");
    } catch (error) {
      if (deps.signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      deps.health.failure(name, message);
      if (Date.now() - started > HEALTHY_RUN_MS) backoff = FIRST_BACKOFF_MS;
      deps.say(`${name} stopped (${message}); restarting in ${Math.round(backoff / 1000)} s`);
      await sleep(backoff, deps.signal);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }
}

/** Calls `poll` every `seconds`, never overlapping, until the signal aborts. */
export async function pollEvery(
  seconds: number,
  poll: () => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    await poll();
    await sleep(seconds * 1000, signal);
  }
}
