/**
 * @module Watches one form submission: whether anything was sent at all, and what the portal answered.
 * "Sent nothing" and "answered 4xx/5xx" must not be reported as a successful payment.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { BrowserContext, Page, Request, Response } from "playwright-core";

/** Methods that, by HTTP's rules, do not change anything on the server. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

export interface SubmissionTracker {
  /** A request that carries the form (a non-GET request or a navigation of the page) went out. */
  readonly sent: boolean;
  /** The HTTP statuses the portal answered the submission and its navigations with, in order. */
  readonly statuses: readonly number[];
  /** Waits, at most `timeoutMs`, until every data-carrying request has its answer. */
  settled(timeoutMs: number): Promise<void>;
  dispose(): void;
}

export function trackSubmission(context: BrowserContext, page: Page): SubmissionTracker {
  const answers: Promise<unknown>[] = [];
  const statuses: number[] = [];
  let sent = false;

  const isPageNavigation = (request: Request): boolean => {
    try {
      return request.isNavigationRequest() && request.frame() === page.mainFrame();
    } catch {
      // Requests without a frame (a worker's) are not the page's navigation.
      return false;
    }
  };
  const onRequest = (request: Request): void => {
    const carriesData = !SAFE_METHODS.has(request.method());
    if (carriesData || isPageNavigation(request)) sent = true;
    if (carriesData) answers.push(request.response().catch(() => null));
  };
  const onResponse = (response: Response): void => {
    const request = response.request();
    if (!SAFE_METHODS.has(request.method()) || isPageNavigation(request)) statuses.push(response.status());
  };
  context.on("request", onRequest);
  context.on("response", onResponse);

  return {
    get sent() {
      return sent;
    },
    get statuses() {
      return statuses;
    },
    async settled(timeoutMs) {
      const timer = new AbortController();
      await Promise.race([
        Promise.all(answers),
        delay(timeoutMs, undefined, { signal: timer.signal }).catch(() => undefined),
      ]);
      timer.abort();
    },
    dispose() {
      context.off("request", onRequest);
      context.off("response", onResponse);
    },
  };
}
