/**
 * @module The browser's settings. It needs no account, only a Chromium executable: Debian's `chromium`
 * package by default, another one through CHROMIUM_PATH.
 */
import { existsSync } from "node:fs";
import type { Environment, IntegrationConfig } from "../integration-config.js";

export interface BrowserConfig {
  chromiumPath: string;
  /** Chromium is closed after this long without a tool call, so the idle daemon holds no browser. */
  idleTimeoutMs: number;
}

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";
/** A minute covers a model's open → read → fill → click sequence without relaunching between steps. */
export const DEFAULT_IDLE_SECONDS = 60;
/** Longer than this and an idle daemon keeps a few hundred MB of browser for nothing. */
const MAX_IDLE_SECONDS = 3_600;

/**
 * `configured` when a Chromium executable is there; `incomplete` (naming the variable to fix) when
 * CHROMIUM_PATH points at nothing or BROWSER_IDLE_SECONDS is not a number of seconds; `absent` when
 * neither is set and Debian's chromium is not installed.
 */
export function readBrowserConfig(
  env: Environment,
  exists: (path: string) => boolean = existsSync,
): IntegrationConfig<BrowserConfig> {
  const configuredPath = (env.CHROMIUM_PATH ?? "").trim();
  const idleText = (env.BROWSER_IDLE_SECONDS ?? "").trim();
  const missing: string[] = [];
  const chromiumPath = configuredPath === "" ? DEFAULT_CHROMIUM_PATH : configuredPath;
  if (!exists(chromiumPath)) {
    if (configuredPath === "" && idleText === "") return { status: "absent" };
    missing.push("CHROMIUM_PATH");
  }
  const idleSeconds = idleText === "" ? DEFAULT_IDLE_SECONDS : Number(idleText);
  if (!Number.isInteger(idleSeconds) || idleSeconds < 1 || idleSeconds > MAX_IDLE_SECONDS) {
    missing.push("BROWSER_IDLE_SECONDS");
  }
  if (missing.length > 0) return { status: "incomplete", missing };
  return { status: "configured", config: { chromiumPath, idleTimeoutMs: idleSeconds * 1000 } };
}
