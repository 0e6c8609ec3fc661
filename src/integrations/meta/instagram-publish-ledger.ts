/**
 * @module The local count of Instagram publishes in the last 24 hours, kept in the state store, so the
 * 50-a-day limit is respected even before asking Meta (and across restarts).
 */
import type { StateStore } from "../../vault/state-store.js";

/** Meta's content publishing limit: posts per rolling 24 hours through the API. */
export const INSTAGRAM_DAILY_PUBLISH_LIMIT = 50;
export const INSTAGRAM_LIMIT_WINDOW_MS = 24 * 60 * 60 * 1000;

interface LedgerDocument {
  publishedAt: string[];
}

export interface InstagramPublishLedger {
  /** Publish times within the last 24 hours, oldest first. */
  recent(): Promise<Date[]>;
  record(at: Date): Promise<void>;
}

export function createInstagramPublishLedger(
  state: StateStore,
  userId: string,
  now: () => Date,
): InstagramPublishLedger {
  const key = `instagram-publishes.${userId}`;
  async function recent(): Promise<Date[]> {
    const document = await state.read<LedgerDocument>(key);
    const since = now().getTime() - INSTAGRAM_LIMIT_WINDOW_MS;
    return (document?.publishedAt ?? [])
      .map((text) => new Date(text))
      .filter((date) => !Number.isNaN(date.getTime()) && date.getTime() > since)
      .sort((a, b) => a.getTime() - b.getTime());
  }
  return {
    recent,
    async record(at) {
      const times = [...(await recent()), at].map((date) => date.toISOString());
      await state.write(key, { publishedAt: times } satisfies LedgerDocument);
    },
  };
}
