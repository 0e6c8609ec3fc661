import { describe, expect, it } from "vitest";
import { readBrowserConfig } from "./browser-config.js";

const installed = (path: string): boolean => path === "/usr/bin/chromium" || path === "/opt/chrome/chrome";
const missing = (): boolean => false;

describe("readBrowserConfig", () => {
  it("uses Debian's chromium with a one-minute idle time-out by default", () => {
    expect(readBrowserConfig({}, installed)).toEqual({
      status: "configured",
      config: { chromiumPath: "/usr/bin/chromium", idleTimeoutMs: 60_000 },
    });
  });

  it("takes CHROMIUM_PATH and BROWSER_IDLE_SECONDS", () => {
    expect(
      readBrowserConfig({ CHROMIUM_PATH: "/opt/chrome/chrome", BROWSER_IDLE_SECONDS: "15" }, installed),
    ).toEqual({
      status: "configured",
      config: { chromiumPath: "/opt/chrome/chrome", idleTimeoutMs: 15_000 },
    });
  });

  it("is absent when nothing is set and no chromium is installed", () => {
    expect(readBrowserConfig({}, missing)).toEqual({ status: "absent" });
  });

  it("names the variable to fix when a setting is wrong", () => {
    expect(readBrowserConfig({ CHROMIUM_PATH: "/nope" }, installed)).toEqual({
      status: "incomplete",
      missing: ["CHROMIUM_PATH"],
    });
    expect(readBrowserConfig({ BROWSER_IDLE_SECONDS: "soon" }, installed)).toEqual({
      status: "incomplete",
      missing: ["BROWSER_IDLE_SECONDS"],
    });
    expect(readBrowserConfig({ BROWSER_IDLE_SECONDS: "0" }, installed)).toMatchObject({
      status: "incomplete",
    });
  });
});
