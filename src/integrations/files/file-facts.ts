/**
 * @module What the employee knows about a dropped file without trusting it: size, SHA-256 (streamed, so
 * a 2 GB file is never in memory), media type (sniffed from the first bytes, not the name) and, for
 * text, a short excerpt.
 */
import { createHash } from "node:crypto";
import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { stripInvisibleUnicode } from "../../governance/invisible-unicode.js";

/** Enough for file-type's signatures and for deciding whether a file is text. */
const SNIFF_BYTES = 8 * 1024;
/** Files up to this size are read in one synchronous call (decision 0007); bigger ones are streamed. */
const READ_WHOLE_BYTES = 256 * 1024;
export const EXCERPT_CHARS = 2_000;

export interface FileFacts {
  size: number;
  sha256: string;
  mediaType: string;
  isText: boolean;
  /** The first characters of a text file, invisible characters removed; empty for binary files. */
  excerpt: string;
  /** The first bytes as text, for header sniffing (text files only). */
  head: string;
}

const TEXT_TYPES: Record<string, string> = {
  ".md": "text/markdown",
  ".csv": "text/csv",
  ".eml": "message/rfc822",
  ".json": "application/json",
  ".html": "text/html",
  ".htm": "text/html",
  ".xml": "application/xml",
  ".yaml": "application/yaml",
  ".yml": "application/yaml",
};

function looksLikeText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    // A multi-byte character cut at the sniff boundary is fine; anything else invalid is not text.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 4)));
    return true;
  } catch {
    return false;
  }
}

export async function readFileFacts(file: string): Promise<FileFacts> {
  const hash = createHash("sha256");
  const fd = openSync(file, "r");
  let head: Buffer;
  let size: number;
  try {
    size = fstatSync(fd).size;
    const start = Buffer.alloc(Math.min(size, READ_WHOLE_BYTES));
    const read = readSync(fd, start, 0, start.length, 0);
    head = start.subarray(0, Math.min(read, SNIFF_BYTES));
    if (size <= READ_WHOLE_BYTES) hash.update(start.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  if (size > READ_WHOLE_BYTES) {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  // file-type is loaded with the first drop, not at every start.
  const { fileTypeFromBuffer } = await import("file-type");
  const sniffed = await fileTypeFromBuffer(head);
  const isText = sniffed === undefined && looksLikeText(head);
  const extension = path.extname(file).toLowerCase();
  const mediaType =
    sniffed?.mime ?? (isText ? (TEXT_TYPES[extension] ?? "text/plain") : "application/octet-stream");
  const text = isText ? stripInvisibleUnicode(head.toString("utf8").replace(/\uFFFD$/, "")) : "";
  return {
    size,
    sha256: hash.digest("hex"),
    mediaType,
    isText,
    excerpt: text.slice(0, EXCERPT_CHARS),
    head: text,
  };
}
