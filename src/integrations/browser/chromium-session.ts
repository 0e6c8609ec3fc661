/**
 * @module The real browser: the system Chromium driven by playwright-core, headless, started on the
 * first tool call and closed after `idleTimeoutMs` without one, so the idle daemon holds no browser.
 * Calls run one at a time on one page. What keeps a page from reaching other hosts or sending data
 * without an approval is in `launch-chromium.ts`; where a call lands is checked in `page-navigation.ts`.
 */
import { isEmployeeError } from "../../governance/errors/employee-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { SystemError } from "../../governance/errors/system-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { toBrowserError } from "./browser-error.js";
import type { BrowserSession } from "./browser-session.js";
import { checkUrl, createHostAllowList } from "./host-allow-list.js";
import {
  launchChromium,
  NAVIGATION_TIMEOUT_MS,
  type RunningBrowser,
  type SessionGuards,
} from "./launch-chromium.js";
import { landedUrl, LOAD_SETTLE_MS, navigate } from "./page-navigation.js";
import { readPageContent, type PageSnapshot } from "./page-snapshot.js";
import { watchRequests } from "./requests-in-flight.js";
import { controlKind, locateClickTarget, locateField, setField } from "./page-targets.js";
import { stripInvisibleUnicode } from "../../governance/invisible-unicode.js";
import { submitLocatedForm } from "./submit-located-form.js";

export interface ChromiumSessionOptions {
  /** The Chromium executable, e.g. `/usr/bin/chromium`. */
  chromiumPath: string;
  /** Idle time after which Chromium is closed; the next call starts it again. */
  idleTimeoutMs: number;
  /** The Handbook's payment-portal list, read at each call so an edit applies at once. */
  allowedHosts(): Promise<string[]>;
}

function noop(): void {}

/** Runs in the page: whether clicking this link opens a new tab. */
const opensNewTab = (element: {
  closest(selector: string): { getAttribute(name: string): string | null } | null;
}): boolean => {
  const target = element.closest("a[href], area[href]")?.getAttribute("target")?.toLowerCase() ?? "";
  return target !== "" && target !== "_self" && target !== "_parent" && target !== "_top";
};

export function createChromiumSession(options: ChromiumSessionOptions): BrowserSession {
  let running: RunningBrowser | undefined;
  let allowList = createHostAllowList([]);
  const guards: SessionGuards = {
    allows: (host, port) => allowList.allows(host, port),
    writesOpen: false,
    refusedHosts: [],
    pageHosts: new Set(),
    failedNavigation: undefined,
    unreachableHosts: new Map(),
    blockedWrites: [],
    popups: { collecting: false, opened: [] },
  };
  let idleTimer: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  /** One page, one call at a time: two calls interleaving on a page would each see the other's state. */
  function serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work);
    queue = result.catch(noop);
    return result;
  }

  function clearIdleTimer(): void {
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    idleTimer = undefined;
  }

  function armIdleTimer(): void {
    clearIdleTimer();
    if (running === undefined) return;
    idleTimer = setTimeout(() => {
      idleTimer = undefined;
      // A call queued meanwhile re-arms the timer; then this close is stale and skipped.
      void serialize(async () => (idleTimer === undefined ? shutdown() : undefined));
    }, options.idleTimeoutMs);
    idleTimer.unref();
  }

  function onDisconnected(crashed: RunningBrowser): void {
    if (running !== crashed) return;
    running = undefined;
    void crashed.proxy.close();
  }

  async function shutdown(): Promise<void> {
    clearIdleTimer();
    const state = running;
    running = undefined;
    if (state === undefined) return;
    await state.browser.close().catch(noop);
    await state.proxy.close();
  }

  function noPageError(): LogicError {
    const seconds = Math.ceil(options.idleTimeoutMs / 1000);
    return new LogicError(
      `No page is open (the browser closes after ${seconds} s without use): call open_page first`,
    );
  }

  /**
   * Runs one call on the page. `opensPage` calls (open, submit) start Chromium when it is not running;
   * the others need a page already open and say so without starting a browser for nothing.
   */
  function perform<T>(
    what: string,
    signal: AbortSignal,
    opensPage: boolean,
    work: (state: RunningBrowser) => Promise<T>,
  ): Promise<T> {
    return serialize(async () => {
      clearIdleTimer();
      // Closing the browser is the only way to interrupt a Playwright call midway.
      const stop = (): void => void shutdown();
      try {
        if (signal.aborted) throw new TransientError(`${what} was cancelled before it started`);
        let hosts: string[];
        try {
          hosts = await options.allowedHosts();
        } catch (error) {
          if (isEmployeeError(error)) throw error;
          throw new SystemError("The browser's allow-list could not be read from Company_Handbook.md", {
            cause: error,
          });
        }
        allowList = createHostAllowList(hosts);
        guards.refusedHosts.length = 0;
        guards.pageHosts.clear();
        guards.failedNavigation = undefined;
        guards.blockedWrites.length = 0;
        guards.unreachableHosts.clear();
        if (running === undefined && !opensPage) throw noPageError();
        running ??= await launchChromium(options.chromiumPath, guards, onDisconnected);
        // Checked again after the launch, then listened for: no moment where a cancel goes unseen.
        if (signal.aborted) throw new TransientError(`${what} was cancelled`);
        signal.addEventListener("abort", stop, { once: true });
        return await work(running);
      } catch (error) {
        // A LogicError stays (a refusal, or a form that may have been sent); anything else was the cancel.
        if (signal.aborted && !(error instanceof LogicError)) {
          throw new TransientError(`${what} was cancelled`, { cause: error });
        }
        throw toBrowserError(error, what);
      } finally {
        signal.removeEventListener("abort", stop);
        armIdleTimer();
      }
    });
  }

  async function requirePage(state: RunningBrowser): Promise<URL> {
    const url = await landedUrl(state.page, guards);
    if (url === undefined) throw noPageError();
    return url;
  }

  /** Runs an action that may open a tab (a link with a target, a form that posts to one): that tab becomes the page. */
  async function keepingTabs(state: RunningBrowser, action: () => Promise<void>): Promise<void> {
    guards.popups.collecting = true;
    guards.popups.opened = [];
    try {
      await action();
    } finally {
      guards.popups.collecting = false;
      const tab = guards.popups.opened.pop();
      for (const extra of guards.popups.opened) extra.close().catch(noop);
      guards.popups.opened = [];
      if (tab !== undefined) {
        const previous = state.page;
        state.page = tab;
        previous.close().catch(noop);
      }
    }
  }

  async function snapshot(state: RunningBrowser, status?: number): Promise<PageSnapshot> {
    const content = await readPageContent(state.page);
    return {
      url: state.page.url(),
      ...content,
      ...(status === undefined ? {} : { status }),
      // Chromium's own background requests are refused too; only the page's are worth reporting.
      blockedHosts: [...new Set(guards.refusedHosts)].filter((host) => guards.pageHosts.has(host)),
      blockedWrites: [...new Set(guards.blockedWrites)],
    };
  }

  return {
    open(url, signal) {
      return perform("Opening the page", signal, true, async (state) => {
        const status = await navigate(state.page, guards, checkUrl(url, allowList));
        return snapshot(state, status);
      });
    },

    read(signal) {
      return perform("Reading the page", signal, false, async (state) => {
        await requirePage(state);
        return snapshot(state);
      });
    },

    fill(field, signal) {
      return perform("Filling the field", signal, false, async (state) => {
        await requirePage(state);
        const { locator, description } = await locateField(state.page, field);
        const requests = watchRequests(state.page);
        try {
          await setField(locator, field.value, description);
          await requests.settled();
        } finally {
          requests.stop();
        }
        return {
          field: description,
          url: state.page.url(),
          blockedWrites: [...new Set(guards.blockedWrites)],
        };
      });
    },

    click(target, signal) {
      return perform("Clicking", signal, false, async (state) => {
        await requirePage(state);
        const { locator, description } = await locateClickTarget(state.page, target);
        if ((await controlKind(locator)).submitsForm) {
          throw new LogicError(
            `${description} submits a form. Use submit_form with the page's URL and the field values instead: ` +
              "a person approves a submission before it is sent.",
          );
        }
        const opensTab = await locator.evaluate(opensNewTab);
        const requests = watchRequests(state.page);
        try {
          await keepingTabs(state, async () => {
            const tab = opensTab
              ? state.page.waitForEvent("popup", { timeout: NAVIGATION_TIMEOUT_MS })
              : undefined;
            await locator.click();
            await tab;
          });
          await state.page.waitForLoadState("load", { timeout: LOAD_SETTLE_MS }).catch(noop);
          await requests.settled();
        } finally {
          requests.stop();
        }
        await landedUrl(state.page, guards);
        return snapshot(state);
      });
    },

    screenshot({ fullPage }, signal) {
      return perform("Taking a screenshot", signal, false, async (state) => {
        await requirePage(state);
        const png = await state.page.screenshot({ type: "png", fullPage });
        return { png, url: state.page.url(), title: stripInvisibleUnicode(await state.page.title()) };
      });
    },

    submitForm(submission, signal) {
      return perform("Submitting the form", signal, true, async (state) => {
        const target = checkUrl(submission.url, allowList);
        const status = await navigate(state.page, guards, target);
        const landed = await landedUrl(state.page, guards);
        if (landed?.hostname !== target.hostname) {
          throw new LogicError(
            `Opening ${target.href} ended on ${landed?.hostname ?? "a blank page"}, not ${target.hostname}: nothing was submitted`,
          );
        }
        if (status !== undefined && status >= 400) {
          throw new LogicError(`${target.href} answered HTTP ${status}: nothing was submitted`);
        }
        await keepingTabs(state, () =>
          submitLocatedForm({ page: state.page, context: state.context, gate: guards, submission }),
        );
        try {
          await landedUrl(state.page, guards);
        } catch (error) {
          throw new LogicError(
            `The form was sent to ${target.hostname}, then the portal moved on to a page the browser may not open. ` +
              `Check the portal for the outcome before trying again. (${error instanceof Error ? error.message : String(error)})`,
            { cause: error },
          );
        }
        return { kind: "submitted", page: await snapshot(state) };
      });
    },

    isRunning: () => running !== undefined,

    close: () => serialize(shutdown),
  };
}
