/**
 * @module At most `size` model calls in flight; the rest wait their turn. A local model serves one
 * request at a time, so calls beyond a couple only queue inside the server and run into their time-out.
 */
export function createCallSlots(size: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    while (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await work();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}
