/**
 * @module Group commit: callers hand in items one at a time and wait for them to be durable; items that
 * arrive while a batch is being written form the next batch, so one fsync serves a whole burst. A batch
 * that fails rejects every item in it; the items after it are tried again.
 */

interface Pending<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/**
 * `commit` writes a batch and returns one result per item, in order. `windowMs` keeps a batch open a
 * moment longer for the appends of everything else that is running.
 */
export function createGroupCommit<Item, Result>(
  commit: (batch: Item[]) => Promise<Result[]>,
  windowMs = 0,
): (item: Item) => Promise<Result> {
  let queue: Pending<Item, Result>[] = [];
  let running: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      if (windowMs > 0) await new Promise((resolve) => setTimeout(resolve, windowMs));
      const batch = queue;
      queue = [];
      try {
        const results = await commit(batch.map((pending) => pending.item));
        batch.forEach((pending, index) => pending.resolve(results[index]!));
      } catch (error) {
        batch.forEach((pending) => pending.reject(error));
      }
    }
  }

  function schedule(): void {
    if (running !== undefined) return;
    running = drain().finally(() => {
      running = undefined;
      // An item that arrived after the last batch was taken, but before this callback ran.
      if (queue.length > 0) schedule();
    });
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
