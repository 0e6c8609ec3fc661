/**
 * @module What a page's own scripts send after a click or a field change: a request starts a moment
 * after the action returns, so the action waits until no request has been in flight for a short quiet
 * time (bounded), and what it reports includes every request the page tried to send, stopped or not.
 */
import type { Page } from "playwright-core";

/** No request for this long after the last one ended: the page has done what the click started. */
const QUIET_MS = 150;
/** A page that keeps sending (polling, analytics) is read after this long anyway. */
const MAX_WAIT_MS = 2_000;
const CHECK_MS = 25;

export interface RequestsInFlight {
  /** Resolves once the page has been quiet for a moment, or after the bound. */
  settled(): Promise<void>;
  /** Stops counting. */
  stop(): void;
}

/** Starts counting the page's requests; call before the action that may start some. */
export function watchRequests(page: Page): RequestsInFlight {
  let inFlight = 0;
  let lastChange = Date.now();
  const started = () => {
    inFlight += 1;
    lastChange = Date.now();
  };
  const ended = () => {
    inFlight = Math.max(0, inFlight - 1);
    lastChange = Date.now();
  };
  page.on("request", started);
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  return {
    async settled() {
      const began = Date.now();
      while (Date.now() - began < MAX_WAIT_MS && (inFlight > 0 || Date.now() - lastChange < QUIET_MS)) {
        await new Promise((resolve) => setTimeout(resolve, CHECK_MS));
      }
    },
    stop() {
      page.off("request", started);
      page.off("requestfinished", ended);
      page.off("requestfailed", ended);
    },
  };
}
