/**
 * @module The front matter of a note without its body: a Done/ task may quote a long email, and the
 * briefing reads thousands of them for a few fields each. The reads are synchronous on purpose: for a
 * small cached file, open/read/close through the async API costs three thread-pool round trips, which made
 * a year's scan over ten times slower on a busy two-core machine; callers yield to the event loop
 * between batches (`HEAD_BATCH`) so a running daemon stays responsive.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { MAX_NOTE_BYTES } from "../vault/note-store.js";

/** Enough for any front matter the employee writes; a longer one is read whole (up to a note's limit). */
const HEAD_BYTES = 16 * 1024;
/** Files read between two yields to the event loop: a few milliseconds of work. */
export const HEAD_BATCH = 256;

const OPENING = /^\uFEFF?---\r?\n/;
const CLOSING = /(?:^|\r?\n)---[ \t]*(?:\r?\n|$)/;

function frontMatterEnd(text: string): number | undefined {
  const opening = OPENING.exec(text);
  if (!opening) return undefined;
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  return closing ? opening[0].length + closing.index + closing[0].length : undefined;
}

export type HeadReader = (file: string) => string | undefined;

/** A reader with its own buffer: the note's text up to and including the closing `---`, or undefined. */
export function createHeadReader(): HeadReader {
  const buffer = Buffer.alloc(HEAD_BYTES);
  return (file) => {
    const descriptor = openSync(file, "r");
    try {
      const bytesRead = readSync(descriptor, buffer, 0, HEAD_BYTES, 0);
      let text = buffer.toString("utf8", 0, bytesRead);
      let end = frontMatterEnd(text);
      if (end === undefined && bytesRead === HEAD_BYTES) {
        const { size } = fstatSync(descriptor);
        if (size > MAX_NOTE_BYTES) return undefined;
        const whole = Buffer.alloc(size);
        readSync(descriptor, whole, 0, size, 0);
        text = whole.toString("utf8");
        end = frontMatterEnd(text);
      }
      return end === undefined ? undefined : text.slice(0, end);
    } finally {
      closeSync(descriptor);
    }
  };
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
