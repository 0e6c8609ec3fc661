/**
 * @module Where a call lands. Navigating the page, and checking after each call that the page is still
 * on an allowed host — a redirect hop, a link or a script may have moved it — with the refused host
 * named in the error. The proxy has already stopped the request; this turns its refusal into words.
 */
import type { Page } from "playwright-core";
import { LogicError } from "../../governance/errors/logic-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { hostRefusedError, portOf } from "./host-allow-list.js";
import type { SessionGuards } from "./launch-chromium.js";

/** After the document arrives, how long images and scripts may keep loading before we read anyway. */
export const LOAD_SETTLE_MS = 5_000;
/** Chromium shows its error page within milliseconds of a failed navigation; some failures show none. */
const ERROR_PAGE_WAIT_MS = 2_000;

function noop(): void {}

/** A failed navigation whose host (the URL's or a redirect hop's) the allow-list refused is a refusal. */
function throwIfRefused(guards: SessionGuards): void {
  const failed = guards.failedNavigation;
  if (failed !== undefined && guards.refusedHosts.includes(failed)) throw hostRefusedError(failed);
}

function unreachableError(host: string, reason: Error, cause?: unknown): TransientError {
  return new TransientError(
    `Could not reach ${host} (${reason.message}): check the address and the network`,
    {
      cause,
    },
  );
}

/** The page's URL, refusing a page that is not on an allowed host; undefined for a blank page. */
export async function landedUrl(page: Page, guards: SessionGuards): Promise<URL | undefined> {
  const current = page.url();
  if (current === "about:blank") return undefined;
  const url = new URL(current);
  if (url.protocol === "chrome-error:") {
    throwIfRefused(guards);
    throw new TransientError("The last page failed to load: open it again with open_page");
  }
  const web = url.protocol === "http:" || url.protocol === "https:";
  if (web && guards.allows(url.hostname, portOf(url))) return url;
  // Never leave a refused page (the proxy's notice, a blob) as the page a later read would show.
  await page.goto("about:blank").catch(noop);
  if (!web)
    throw new LogicError(`The page moved to a ${url.protocol} address, which the browser tools do not read`);
  throw hostRefusedError(url.hostname);
}

/** Opens an already-checked URL; returns the HTTP status of the page it landed on. */
export async function navigate(page: Page, guards: SessionGuards, url: URL): Promise<number | undefined> {
  let status: number | undefined;
  try {
    status = (await page.goto(url.href, { waitUntil: "domcontentloaded" }))?.status();
  } catch (error) {
    // Chromium commits its error page just after `goto` rejects; a navigation started before that
    // commit would be cut off by it, so wait for it here rather than break the next call.
    if (!page.url().startsWith("chrome-error:")) {
      await page.waitForURL(/^chrome-error:/, { timeout: ERROR_PAGE_WAIT_MS }).catch(noop);
    }
    throwIfRefused(guards);
    const host = guards.failedNavigation ?? url.hostname;
    const unreachable = guards.unreachableHosts.get(host);
    if (unreachable !== undefined) throw unreachableError(host, unreachable, error);
    throw error;
  }
  // A slow image or analytics script is no reason to fail: read what has loaded by then.
  await page.waitForLoadState("load", { timeout: LOAD_SETTLE_MS }).catch(noop);
  const landed = await landedUrl(page, guards);
  // Over plain http the proxy answers 502 itself when the host cannot be reached.
  const unreachable = landed === undefined ? undefined : guards.unreachableHosts.get(landed.hostname);
  if (landed !== undefined && unreachable !== undefined && status === 502) {
    throw unreachableError(landed.hostname, unreachable);
  }
  return status;
}
