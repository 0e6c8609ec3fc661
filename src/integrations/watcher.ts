/**
 * @module The perception layer's contract. A watcher turns what is new in one outside system into
 * inbound items; it keeps its own cursor in the state store so nothing is filed twice across restarts.
 */

export interface Watcher {
  /** e.g. `files`, `imap:business`, `x-mentions`. */
  readonly name: string;
  /** Seconds between polls when the watcher has no push channel; undefined for push-only watchers. */
  readonly pollIntervalSeconds: number | undefined;
  /** One pass: fetch what is new and submit it. Returns how many items were submitted. */
  poll(): Promise<number>;
  /**
   * Push mode (IMAP IDLE, a file system watch, a webhook): listens until the signal aborts. A watcher
   * without push is polled on its interval instead.
   */
  listen?(signal: AbortSignal): Promise<void>;
  close?(): Promise<void>;
}
