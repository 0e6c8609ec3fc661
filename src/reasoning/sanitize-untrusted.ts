/**
 * @module Outside content made fit to quote to a model: hidden HTML dropped (when the text is HTML),
 * HTML comments dropped (invisible in Obsidian's preview too), invisible Unicode stripped, text that a
 * chat template would read as a control token (`<|im_start|>`) defused, and the length bounded. What a
 * person sees is what the model reads, and no more of it than the prompt can afford.
 */
import { visibleTextOfHtml, looksLikeHtml } from "../governance/hidden-html.js";
import { stripInvisibleUnicode } from "../governance/invisible-unicode.js";

/** About 1,500 Qwen tokens of English: keeps a typical email triage well under its 2,500-token budget. */
export const MAX_UNTRUSTED_CHARS = 6_000;
/** Work on hostile input is bounded before any parsing. */
const MAX_RAW_CHARS = 1_000_000;

export interface SanitizedText {
  text: string;
  /** Characters cut off to keep within the bound (0 when nothing was). */
  truncatedChars: number;
  /** Whether the content was HTML and was reduced to its visible text. */
  wasHtml: boolean;
}

/** `<|im_start|>`, `<|endoftext|>`…: llama.cpp and vLLM may tokenise these as control tokens even in content. */
function defuseControlTokens(text: string): string {
  return text
    .replace(/<\|([\w-]{0,40})\|>/g, "[$1]")
    .replace(/<\|/g, "< |")
    .replace(/\|>/g, "| >");
}

function cut(text: string, maxChars: number): string {
  const slice = text.slice(0, maxChars);
  // End on a line or word boundary when one is near, so the model is not handed half a word.
  const boundary = Math.max(slice.lastIndexOf("\n"), slice.lastIndexOf(" "));
  return boundary > maxChars * 0.8 ? slice.slice(0, boundary) : slice;
}

export function sanitizeUntrusted(raw: string, maxChars = MAX_UNTRUSTED_CHARS): SanitizedText {
  const bounded = raw.length > MAX_RAW_CHARS ? raw.slice(0, MAX_RAW_CHARS) : raw;
  const wasHtml = looksLikeHtml(bounded);
  const visible = wasHtml ? visibleTextOfHtml(bounded) : bounded.replace(/<!--[\s\S]*?(?:-->|$)/g, "");
  const clean = defuseControlTokens(stripInvisibleUnicode(visible))
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (clean.length <= maxChars) return { text: clean, truncatedChars: 0, wasHtml };
  const text = cut(clean, maxChars);
  return {
    text,
    truncatedChars: clean.length - text.length + Math.max(0, raw.length - MAX_RAW_CHARS),
    wasHtml,
  };
}

/** A one-line field (a subject, a display name): sanitised and kept short. */
export function sanitizeField(raw: string, maxChars: number): string {
  return sanitizeUntrusted(raw.replace(/[\r\n]+/g, " "), maxChars).text;
}
