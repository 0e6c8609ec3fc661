import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startPortalPages } from "../../../test/fakes/browser-pages/portal-pages-server.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createChromiumSession } from "./chromium-session.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `Skipping the browser lifecycle tests: no Chromium at ${CHROMIUM} (apt install chromium, or set CHROMIUM_PATH).`,
  );

/** Polling for the idle close: short steps, bounded so a browser that never closes fails the test. */
const POLL_STEP_MS = 50;
const POLL_LIMIT_MS = 5_000;

describe.skipIf(!hasChromium)(`the browser's lifecycle (${CHROMIUM})`, () => {
  it("closes Chromium after the idle time-out and starts it again on the next call", async () => {
    const portal = await startPortalPages();
    const session = createChromiumSession({
      chromiumPath: CHROMIUM,
      idleTimeoutMs: 300,
      allowedHosts: async () => ["127.0.0.1"],
    });
    try {
      await expect(session.read(new AbortController().signal)).rejects.toThrow(/No page is open/);
      expect(session.isRunning()).toBe(false);
      await session.open(`${portal.url}/`, new AbortController().signal);
      expect(session.isRunning()).toBe(true);
      const started = Date.now();
      while (session.isRunning() && Date.now() - started < POLL_LIMIT_MS) {
        await new Promise((resolve) => setTimeout(resolve, POLL_STEP_MS));
      }
      expect(session.isRunning()).toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      await expect(session.read(new AbortController().signal)).rejects.toThrow(/No page is open/);
      const again = await session.open(`${portal.url}/paid`, new AbortController().signal);
      expect(again.text).toContain("Payment received");
    } finally {
      await session.close();
      await portal.close();
    }
  });

  it("says how to install Chromium when the executable is missing", async () => {
    const session = createChromiumSession({
      chromiumPath: "/nonexistent/chromium",
      idleTimeoutMs: 1_000,
      allowedHosts: async () => ["127.0.0.1"],
    });
    await expect(session.open("http://127.0.0.1:9/", new AbortController().signal)).rejects.toThrow(
      /Chromium was not found at \/nonexistent\/chromium: install it \(apt install chromium\) or set CHROMIUM_PATH/,
    );
    expect(session.isRunning()).toBe(false);
  });

  it("cancels a call when its signal aborts, closing the browser", async () => {
    const portal = await startPortalPages();
    const session = createChromiumSession({
      chromiumPath: CHROMIUM,
      idleTimeoutMs: 60_000,
      allowedHosts: async () => ["127.0.0.1"],
    });
    try {
      await session.open(`${portal.url}/`, new AbortController().signal);
      const controller = new AbortController();
      const started = Date.now();
      const opening = session.open(`${portal.url}/slow`, controller.signal);
      setTimeout(() => controller.abort(new Error("host time-out")), 500);
      const error: unknown = await opening.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransientError);
      expect(String(error)).toMatch(/Opening the page was cancelled/);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(session.isRunning()).toBe(false);
      const again = await session.open(`${portal.url}/paid`, new AbortController().signal);
      expect(again.text).toContain("Payment received");
    } finally {
      await session.close();
      await portal.close();
    }
  });
});
