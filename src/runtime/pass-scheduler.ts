/**
 * @module Runs orchestrator passes one at a time: a request for a pass while one runs makes exactly one
 * more pass afterwards, so bursts of events coalesce and nothing is missed.
 */

export interface PassScheduler {
  /** Asks for a pass soon; resolves when a pass that started after this call has finished. */
  request(): Promise<void>;
  /** Resolves when no pass is running or queued. */
  idle(): Promise<void>;
}

export function createPassScheduler(
  runPass: () => Promise<void>,
  onError: (error: unknown) => void,
): PassScheduler {
  let running: Promise<void> | undefined;
  let again: Promise<void> | undefined;

  function start(): Promise<void> {
    running = runPass()
      .catch(onError)
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    request() {
      if (!running) return start();
      again ??= running.then(() => {
        again = undefined;
        return start();
      });
      return again;
    },
    async idle() {
      while (running || again) await (again ?? running);
    },
  };
}
