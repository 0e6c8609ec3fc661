/**
 * @module File names from untrusted text: no path separators, no control characters, no dot-files,
 * bounded length, still readable.
 */

/**
 * File systems limit a name to 255 bytes, not characters: 100 emoji are 400 bytes. This leaves room for
 * the id or time stamp that callers put in front.
 */
const MAX_NAME_BYTES = 200;

const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Keeps the extension (when short and plain) and trims the stem to fit `maxLength` characters. */
export function safeFileName(name: string, maxLength = 100): string {
  const cleaned = name.normalize("NFC").replace(UNSAFE, "_").replace(/\s+/g, " ").trim().replace(/^\.+/, "");
  const base = cleaned === "" || /^[._ ]*$/.test(cleaned) ? "file" : cleaned;
  const dot = base.lastIndexOf(".");
  const extension = dot > 0 && base.length - dot <= 10 && /^\.[\w-]+$/.test(base.slice(dot)) ? base.slice(dot) : "";
  const stem = extension ? base.slice(0, dot) : base;
  const room = Math.max(1, maxLength - extension.length);
  const kept = [...stem].slice(0, room);
  while (kept.length > 1 && Buffer.byteLength(kept.join("") + extension) > MAX_NAME_BYTES) kept.pop();
  return `${kept.join("").trimEnd()}${extension}`;
}

/** A short lowercase slug for note names, e.g. `invoice-request-from-acme`. */
export function slug(text: string, maxLength = 40): string {
  const value = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
  return value === "" ? "item" : value;
}
