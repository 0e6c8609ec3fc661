/**
 * @module Starting the system Chromium with its two guards in place. The allow-list proxy
 * (`allow-list-proxy.ts`) is its only way out and refuses every connection to a host that is not a
 * listed portal — sub-resources included, since an image or script URL carries data out as well as a
 * navigation does, and third-party scripts are where injected content and trackers come from. And the
 * page may not send data at all unless `writesOpen`: every non-GET request and WebSocket is stopped, so
 * `fill_field` and `click`, which need no approval, cannot pay or submit whatever the page's script does.
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import type { Browser, BrowserContext, Page, Route, WebSocketRoute } from "playwright-core";
import { SystemError } from "../../governance/errors/system-error.js";
import { startAllowListProxy, type AllowListProxy } from "./allow-list-proxy.js";
import { SAFE_METHODS } from "./submission-tracker.js";

/**
 * Headless, no GPU, no background traffic of its own (updates, sync, safe-browsing lists), no QUIC
 * (UDP would bypass the allow-list proxy). No sandbox: Chromium's sandbox needs user namespaces that
 * containers and root daemons lack; the allow-list keeps the browser on the person's own portals.
 * A normal launch gives every start a fresh temporary profile, deleted on close: no cookie outlives it.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Chromium starts in about a second; a much slower start is a broken install, not a busy machine. */
const LAUNCH_TIMEOUT_MS = 30_000;
/** A portal that has not sent its page in this time is down for our purposes. */
export const NAVIGATION_TIMEOUT_MS = 30_000;
/** Finding and filling one element; elements appear within a page load, not minutes later. */
const ACTION_TIMEOUT_MS = 10_000;
/** The size a person's laptop screen shows; pages lay out for it and screenshots have it. */
const VIEWPORT = { width: 1280, height: 900 };

/** The session's view of the traffic, shared with the guards; the session resets it at each call. */
export interface SessionGuards {
  allows(host: string, port: number): boolean;
  /** True only while `submitForm` sends its one approved submission. */
  writesOpen: boolean;
  /** Hosts the proxy refused, in order — Chromium's own background requests included. */
  refusedHosts: string[];
  /** Hosts the pages asked for (redirect hops included): which refusals were the page's doing. */
  pageHosts: Set<string>;
  /** The host of the page's last navigation that failed, to name it in the error. */
  failedNavigation: string | undefined;
  /** Allowed hosts that could not be reached, with why. */
  unreachableHosts: Map<string, Error>;
  /** Data the page tried to send and was stopped from sending, e.g. `POST pay.example.com`. */
  blockedWrites: string[];
  /** While `collecting`, tabs the page opens are kept for the click that opened them; else closed. */
  popups: { collecting: boolean; opened: Page[] };
}

export interface RunningBrowser {
  browser: Browser;
  context: BrowserContext;
  /** The one page the tools drive; a tab opened by a click replaces it. */
  page: Page;
  proxy: AllowListProxy;
}

function noop(): void {}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

export async function launchChromium(
  chromiumPath: string,
  guards: SessionGuards,
  onDisconnected: (running: RunningBrowser) => void,
): Promise<RunningBrowser> {
  try {
    await access(chromiumPath, constants.X_OK);
  } catch (error) {
    throw new SystemError(
      `Chromium was not found at ${chromiumPath}: install it (apt install chromium) or set CHROMIUM_PATH to its executable`,
      { cause: error },
    );
  }
  const proxy = await startAllowListProxy({
    allows: (host, port) => guards.allows(host, port),
    onRefused: (host) => guards.refusedHosts.push(host),
    onUnreachable: (host, error) => guards.unreachableHosts.set(host, error),
  });
  let browser: Browser;
  try {
    browser = await (
      await import("playwright-core")
    ).chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      proxy: { server: proxy.url },
      timeout: LAUNCH_TIMEOUT_MS,
    });
  } catch (error) {
    await proxy.close();
    const reason = (error instanceof Error ? error.message : String(error)).split("\n", 1)[0] ?? "";
    throw new SystemError(`Chromium at ${chromiumPath} did not start: ${reason}`, { cause: error });
  }

  async function guardRequest(route: Route): Promise<void> {
    const request = route.request();
    try {
      if (guards.writesOpen || SAFE_METHODS.has(request.method())) await route.continue();
      else {
        guards.blockedWrites.push(`${request.method()} ${new URL(request.url()).host}`);
        await route.abort("blockedbyclient");
      }
    } catch {
      // The page or the browser went away while the request was held: nothing to continue.
    }
  }

  function guardWebSocket(socket: WebSocketRoute): void {
    if (guards.writesOpen) {
      socket.connectToServer();
      return;
    }
    guards.blockedWrites.push(`WebSocket ${new URL(socket.url()).host}`);
    socket
      .close({ code: 1008, reason: "The AI Employee's browser sends data only through submit_form" })
      .catch(noop);
  }

  try {
    // Service workers would fetch outside the request guard; downloads would write to disk.
    const context = await browser.newContext({
      serviceWorkers: "block",
      acceptDownloads: false,
      viewport: VIEWPORT,
    });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
    await context.route("**/*", guardRequest);
    await context.routeWebSocket(() => true, guardWebSocket);
    context.on("request", (request) => guards.pageHosts.add(hostOf(request.url())));
    context.on("requestfailed", (request) => {
      if (request.isNavigationRequest() && request.frame() === running.page.mainFrame()) {
        guards.failedNavigation = hostOf(request.url());
      }
    });
    const running: RunningBrowser = { browser, context, page: await context.newPage(), proxy };
    context.on("page", (opened) => {
      if (opened === running.page) return;
      if (guards.popups.collecting) guards.popups.opened.push(opened);
      else opened.close().catch(noop);
    });
    browser.on("disconnected", () => onDisconnected(running));
    return running;
  } catch (error) {
    await browser.close().catch(noop);
    await proxy.close();
    throw error;
  }
}
