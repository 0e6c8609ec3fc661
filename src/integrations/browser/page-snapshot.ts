/**
 * @module What a page says, read once and cleaned: title, visible text, form fields and buttons. The
 * in-page result is untrusted output, so it is parsed with zod here and stripped of invisible Unicode
 * before any of it reaches a model.
 */
import type { Page } from "playwright-core";
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import { READ_PAGE_SCRIPT } from "./read-page-script.js";
import { stripInvisibleUnicode } from "../../governance/invisible-unicode.js";

/** A model reads pages in its context window: the rest of a long page is cut, and the text says so. */
export const MAX_PAGE_TEXT_CHARS = 20_000;
/** Enough for any real checkout form; a page listing thousands of inputs is cut. */
const MAX_FIELDS = 60;
/** Bounds the walk over a huge or hostile DOM (each element costs a style computation). */
const MAX_NODES = 40_000;
/** Deeper nesting than this is not a page a person reads; it also keeps the walk off the stack limit. */
const MAX_DEPTH = 300;

const pageFieldSchema = z.object({
  label: z.string(),
  name: z.string(),
  type: z.string(),
  value: z.string(),
  required: z.boolean(),
});

const pageButtonSchema = z.object({ text: z.string(), submitsForm: z.boolean() });

const readResultSchema = z.object({
  title: z.string(),
  text: z.string(),
  truncated: z.boolean(),
  fields: z.array(pageFieldSchema).max(MAX_FIELDS),
  buttons: z.array(pageButtonSchema).max(MAX_FIELDS),
});

export type PageField = z.infer<typeof pageFieldSchema>;
export type PageButton = z.infer<typeof pageButtonSchema>;

export interface PageSnapshot {
  url: string;
  title: string;
  /** Visible text, at most `MAX_PAGE_TEXT_CHARS`. */
  text: string;
  truncated: boolean;
  fields: PageField[];
  buttons: PageButton[];
  /** HTTP status of the navigation that produced the page, when this call navigated. */
  status?: number;
  /** Hosts the allow-list stopped during this call (a page's trackers, CDNs, a redirect). */
  blockedHosts: string[];
  /** Data the page tried to send (a POST, a WebSocket) and was stopped from sending. */
  blockedWrites: string[];
}

export type PageContent = Pick<PageSnapshot, "title" | "text" | "truncated" | "fields" | "buttons">;

export async function readPageContent(page: Page, maxChars = MAX_PAGE_TEXT_CHARS): Promise<PageContent> {
  const options = { maxChars, maxFields: MAX_FIELDS, maxNodes: MAX_NODES, maxDepth: MAX_DEPTH };
  const raw: unknown = await page.evaluate(`(${READ_PAGE_SCRIPT})(${JSON.stringify(options)})`);
  const parsed = readResultSchema.safeParse(raw);
  if (!parsed.success)
    throw new DataError(`The page ${page.url()} could not be read: ${parsed.error.message}`);
  const { title, text, truncated, fields, buttons } = parsed.data;
  return {
    title: stripInvisibleUnicode(title).trim(),
    text: stripInvisibleUnicode(text),
    truncated,
    fields: fields.map((field) => ({
      ...field,
      label: stripInvisibleUnicode(field.label),
      name: stripInvisibleUnicode(field.name),
      value: stripInvisibleUnicode(field.value),
    })),
    buttons: buttons.map((button) => ({ ...button, text: stripInvisibleUnicode(button.text) })),
  };
}
