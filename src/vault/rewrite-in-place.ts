/**
 * @module Rewrites a small file over its old bytes, then cuts it to length: for bookkeeping files that
 * change often and need not be durable at once (decision 0009). Never emptied first nor replaced by a
 * rename, because ext4 writes a file emptied and written again, or renamed over another, to disk at once
 * (its `auto_da_alloc` safeguard). A crash between the write and the cut leaves the new text first, then
 * what is left of the old: readers must read only as far as the new text goes.
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";

export function rewriteInPlace(file: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(file, "r+");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  try {
    const bytes = Buffer.from(text);
    writeSync(fd, bytes, 0, bytes.length, 0);
    ftruncateSync(fd, bytes.length);
  } finally {
    closeSync(fd);
  }
}
