/**
 * @module The text a person sees in an HTML email. Hidden elements (inline `display:none`,
 * `visibility:hidden`, zero font size or opacity, `hidden`, Outlook's `mso-hide:all`) and `<script>`,
 * `<style>`, `<head>`, `<template>` are dropped before conversion, so text hidden from the reader —
 * the common prompt-injection carrier — never reaches a model. Styles from a `<style>` sheet are not
 * evaluated: a class that hides text in a stylesheet is not detected.
 */
import { htmlToText } from "html-to-text";
import { stripInvisibleCharacters } from "./invisible-characters.js";

const HIDDEN_MARKER = "data-ai-employee-hidden";

/** A length of zero in any unit (`0`, `0px`, `0.0em`, `0%`). */
const ZERO_LENGTH = /^(?:0+(?:\.0*)?|\.0+)(?:px|pt|em|rem|%|vh|vw)?$/;

/** Whether an inline style hides its element from the reader. */
function hidesElement(style: string): boolean {
  const declarations = new Map<string, string>();
  for (const declaration of style.split(";")) {
    const colon = declaration.indexOf(":");
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration
      .slice(colon + 1)
      .replace(/!\s*important/i, "")
      .replace(/\s+/g, "")
      .toLowerCase();
    declarations.set(property, value);
  }
  const is = (property: string, test: (value: string) => boolean) => {
    const value = declarations.get(property);
    return value !== undefined && test(value);
  };
  const zero = (value: string) => ZERO_LENGTH.test(value);
  const clipped = is("overflow", (value) => value === "hidden");
  return (
    is("display", (value) => value === "none") ||
    is("visibility", (value) => value === "hidden" || value === "collapse") ||
    is("font-size", zero) ||
    is("opacity", (value) => value !== "" && Number(value) === 0) ||
    is("mso-hide", (value) => value === "all") ||
    (clipped && ["height", "max-height", "width", "max-width"].some((property) => is(property, zero)))
  );
}

/** A `style=` attribute with a quoted or bare value. */
const STYLE_ATTRIBUTE = /(\s)style\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;

/** HTML is bounded before conversion: a body past this is a document, not a message. */
export const MAX_HTML_CHARACTERS = 2_000_000;
/** html-to-text walks the tree recursively; deeper nesting than this is flattened by the library. */
const MAX_NESTING_DEPTH = 200;

/** Decodes the entities that could spell a style in disguise (`display&#58;none`). */
function decodeAttribute(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_match, hex: string) => safeCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_match, decimal: string) => safeCodePoint(Number(decimal)))
    .replace(/&colon;/gi, ":")
    .replace(/&semi;/gi, ";")
    .replace(/&nbsp;/gi, " ")
    .replace(/&quot;/gi, '"')
    .replace(/&amp;/gi, "&")
    .replace(/\/\*.*?\*\//g, "");
}

function safeCodePoint(code: number): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
}

function markHiddenElements(html: string): string {
  return html.replace(STYLE_ATTRIBUTE, (match: string, space: string, rawValue: string) => {
    const value = decodeAttribute(rawValue.replace(/^["']|["']$/g, ""));
    return hidesElement(value) ? `${space}${HIDDEN_MARKER}="1"${match}` : match;
  });
}

const SKIP = { format: "skip" } as const;

export function htmlToVisibleText(html: string): string {
  const bounded = html.length > MAX_HTML_CHARACTERS ? html.slice(0, MAX_HTML_CHARACTERS) : html;
  const text = htmlToText(markHiddenElements(bounded), {
    wordwrap: false,
    limits: { maxDepth: MAX_NESTING_DEPTH },
    selectors: [
      { selector: `[${HIDDEN_MARKER}]`, ...SKIP },
      { selector: "[hidden]", ...SKIP },
      { selector: "script", ...SKIP },
      { selector: "style", ...SKIP },
      { selector: "head", ...SKIP },
      { selector: "template", ...SKIP },
      { selector: "noscript", ...SKIP },
      { selector: "img", ...SKIP },
      // Links keep their text and show the target, so a person and a model see where they go.
      { selector: "a", options: { hideLinkIfSameAsText: true, ignoreHref: false } },
    ],
  });
  return stripInvisibleCharacters(text)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
