/**
 * @module Runs webhook deliveries one at a time, in arrival order: a redelivery that races the first
 * delivery then sees its wamid as already filed, and the state store is never written by two at once.
 */

export interface DeliveryQueue {
  /** Queues the work, or returns undefined when `maxPending` deliveries are already waiting. */
  enqueue<T>(work: () => Promise<T>): Promise<T> | undefined;
  /** Resolves when everything queued so far has finished. */
  drain(): Promise<void>;
}

export function createDeliveryQueue(maxPending: number): DeliveryQueue {
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;
  return {
    enqueue(work) {
      if (pending >= maxPending) return undefined;
      pending += 1;
      const run = tail.then(work);
      tail = run.then(
        () => {
          pending -= 1;
        },
        () => {
          pending -= 1;
        },
      );
      return run;
    },
    drain() {
      return tail;
    },
  };
}
