/**
 * @module The text a person sees in outside HTML. Elements hidden from the reader — inline
 * `display:none`, `visibility:hidden`, a zero font size or opacity, `mso-hide:all`, the `hidden`
 * attribute — and `<script>`, `<style>`, `<head>`, `<template>`, comments are dropped before the
 * conversion, so text meant only for a model never reaches one. A class hidden by a style sheet is not
 * evaluated (no CSS engine here); the approval gate is what holds when such text gets through.
 */
import { htmlToText } from "html-to-text";

/** Tags that mark a text as HTML rather than prose that mentions a tag. */
const HTML_SIGNS =
  /<(?:!doctype\s+html|html|head|body|div|span|p|table|td|font|br|style|script|center|a\s+href)\b[^>]*>/gi;
/** HTML is bounded before parsing: a document past this is not a message. */
const MAX_HTML_CHARS = 1_000_000;
/** html-to-text walks the tree recursively; deeper nesting is flattened by the library. */
const MAX_NESTING_DEPTH = 200;
const HIDDEN_MARKER = "data-ai-employee-hidden";
const ZERO_LENGTH = /^(?:0+(?:\.0*)?|\.0+)(?:px|pt|em|rem|%|vh|vw|ex|ch)?$/;

export function looksLikeHtml(text: string): boolean {
  return (text.match(HTML_SIGNS) ?? []).length >= 2 || /^\s*<(?:!doctype|html)\b/i.test(text);
}

function decodeEntities(value: string): string {
  const codePoint = (code: number) =>
    Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_match, hex: string) => codePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_match, decimal: string) => codePoint(Number(decimal)))
    .replace(/&colon;/gi, ":")
    .replace(/&semi;/gi, ";")
    .replace(/&quot;/gi, '"')
    .replace(/&amp;/gi, "&")
    .replace(/\/\*[\s\S]*?\*\//g, "");
}

/** Whether an inline style hides its element from a person. */
export function styleHides(style: string): boolean {
  const declarations = new Map<string, string>();
  for (const declaration of decodeEntities(style).split(";")) {
    const colon = declaration.indexOf(":");
    if (colon < 0) continue;
    const value = declaration
      .slice(colon + 1)
      .replace(/!\s*important/i, "")
      .replace(/\s+/g, "")
      .toLowerCase();
    declarations.set(declaration.slice(0, colon).trim().toLowerCase(), value);
  }
  const is = (property: string, test: (value: string) => boolean) => {
    const value = declarations.get(property);
    return value !== undefined && test(value);
  };
  const zero = (value: string) => ZERO_LENGTH.test(value);
  return (
    is("display", (value) => value === "none") ||
    is("visibility", (value) => value === "hidden" || value === "collapse") ||
    is("font-size", zero) ||
    is("opacity", (value) => value !== "" && Number(value) === 0) ||
    is("mso-hide", (value) => value === "all") ||
    (is("overflow", (value) => value === "hidden") &&
      ["height", "max-height", "width", "max-width"].some((property) => is(property, zero)))
  );
}

const STYLE_ATTRIBUTE = /(\s)style\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;

const SKIP = { format: "skip" } as const;

export function visibleTextOfHtml(html: string): string {
  const bounded = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  const marked = bounded
    .replace(/<!--[\s\S]*?(?:-->|$)/g, "")
    .replace(STYLE_ATTRIBUTE, (match: string, space: string, value: string) =>
      styleHides(value.replace(/^["']|["']$/g, "")) ? `${space}${HIDDEN_MARKER}="1"${match}` : match,
    );
  return htmlToText(marked, {
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
      { selector: "a", options: { hideLinkIfSameAsText: true, ignoreHref: false } },
    ],
  });
}
