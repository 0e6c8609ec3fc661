/**
 * @module The one-line message shown after a decision. It travels in the redirect's query, signed, so
 * that a link from anywhere else cannot make the page announce something that did not happen.
 */
import { html, type SafeHtml } from "./html.js";
import type { SessionKeys } from "./session-keys.js";

export interface Flash {
  kind: "ok" | "error";
  text: string;
}

/** A flash is one sentence; anything longer was not written by this app. */
const MAX_FLASH_LENGTH = 500;

export function flashQuery(keys: SessionKeys, flash: Flash): string {
  const text = flash.text.slice(0, MAX_FLASH_LENGTH);
  const query = new URLSearchParams({
    flash: text,
    kind: flash.kind,
    sig: keys.signFlash(`${flash.kind}\n${text}`),
  });
  return `?${query.toString()}`;
}

export function readFlash(keys: SessionKeys, query: (name: string) => string | undefined): Flash | undefined {
  const text = query("flash");
  const kind = query("kind");
  const signature = query("sig");
  if (text === undefined || signature === undefined || (kind !== "ok" && kind !== "error")) return undefined;
  if (text.length > MAX_FLASH_LENGTH || !keys.flashMatches(`${kind}\n${text}`, signature)) return undefined;
  return { kind, text };
}

export function renderFlash(flash: Flash | undefined): SafeHtml {
  return html`${flash && html`<p class="flash ${flash.kind}" role="status">${flash.text}</p>`}`;
}
