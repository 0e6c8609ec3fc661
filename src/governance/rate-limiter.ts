/**
 * @module The Handbook's hourly rate limits, counted across processes in the state store. An action
 * over the limit is not dropped: it waits for the window to open again.
 */
import type { ActionCategory } from "./action-facts.js";
import type { Handbook, RateCategory } from "./handbook.js";
import type { StateStore } from "../vault/state-store.js";

const WINDOW_MS = 3_600_000;

export function rateCategory(category: ActionCategory): RateCategory | undefined {
  if (category === "email" || category === "message" || category === "payment") return category;
  if (category === "social_post" || category === "social_reply") return "social";
  return undefined;
}

export interface RateLimiter {
  /** Records one action now, or answers when the next one may go if the hour is full. */
  take(category: ActionCategory, handbook: Handbook): Promise<{ ok: true } | { ok: false; until: Date }>;
}

export function createRateLimiter(state: StateStore, now: () => Date): RateLimiter {
  return {
    async take(category, handbook) {
      const rate = rateCategory(category);
      if (rate === undefined) return { ok: true };
      const key = `rate-${rate}`;
      const at = now().getTime();
      const recent = ((await state.read<number[]>(key)) ?? []).filter((time) => time > at - WINDOW_MS);
      if (recent.length >= handbook.ratePerHour[rate]) {
        return { ok: false, until: new Date(Math.min(...recent) + WINDOW_MS) };
      }
      await state.write(key, [...recent, at]);
      return { ok: true };
    },
  };
}
