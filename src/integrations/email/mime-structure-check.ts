/**
 * @module A cheap pass over a raw message's MIME skeleton, before the real parser runs: it counts parts
 * and nesting by following the multipart boundaries, so a MIME bomb (thousands of parts, parts nested
 * hundreds deep) is refused before any decoding work is spent on it.
 */

export interface MimeStructureLimits {
  maxParts: number;
  maxDepth: number;
}

export interface MimeStructure {
  parts: number;
  depth: number;
}

/** A header block larger than this is not a mail header; the parser would refuse it too. */
const MAX_HEADER_BLOCK_CHARACTERS = 1_000_000;

const EMPTY_MULTIPART =
  "the MIME structure is broken: a multipart body has no parts (its boundary never appears)";

const CONTENT_TYPE = /^content-type\s*:\s*([^;\s]+)(.*)$/im;
const BOUNDARY = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i;

/** Returns why the structure is refused, or the structure when it is within the limits. */
export function checkMimeStructure(
  raw: Uint8Array,
  limits: MimeStructureLimits,
): { ok: true; structure: MimeStructure } | { ok: false; reason: string } {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("latin1");
  /** Open multipart boundaries, innermost last, with their part counts; `null` marks an embedded message. */
  const open: ({ boundary: string; parts: number } | null)[] = [];
  const broken = (entry: { boundary: string; parts: number } | null | undefined) =>
    entry !== null && entry !== undefined && entry.parts === 0;
  let inHeaders = true;
  let header = "";
  let parts = 1;
  let depth = 0;
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end).replace(/\r$/, "");
    start = end + 1;

    if (inHeaders) {
      if (line !== "") {
        header += /^[ \t]/.test(line) ? ` ${line.trim()}` : `\n${line}`;
        if (header.length > MAX_HEADER_BLOCK_CHARACTERS)
          return { ok: false, reason: "a MIME header block is over 1 MB" };
        if (newline < 0) break;
        continue;
      }
      const contentType = CONTENT_TYPE.exec(header);
      header = "";
      inHeaders = false;
      const mediaType = contentType?.[1]?.toLowerCase() ?? "text/plain";
      if (mediaType.startsWith("multipart/")) {
        const boundary = BOUNDARY.exec(contentType?.[2] ?? "");
        const value = boundary?.[1] ?? boundary?.[2];
        if (!value)
          return { ok: false, reason: `the MIME structure is broken: a ${mediaType} part has no boundary` };
        open.push({ boundary: value, parts: 0 });
      } else if (mediaType === "message/rfc822" || mediaType === "message/global") {
        // The embedded message's own headers follow at once; its end is its parent's next boundary.
        open.push(null);
        inHeaders = true;
      }
      depth = Math.max(depth, open.length);
      if (open.length > limits.maxDepth) {
        return {
          ok: false,
          reason: `MIME parts are nested more than ${limits.maxDepth} deep (a MIME bomb or a broken message)`,
        };
      }
    } else if (line.startsWith("--")) {
      for (let index = open.length - 1; index >= 0; index -= 1) {
        const entry = open[index];
        if (entry === null || entry === undefined || !line.startsWith(`--${entry.boundary}`)) continue;
        const rest = line.slice(entry.boundary.length + 2);
        if (rest.startsWith("--")) {
          if (open.slice(index).some(broken)) return { ok: false, reason: EMPTY_MULTIPART };
          open.length = index;
        } else if (rest.trim() === "") {
          open.length = index + 1;
          entry.parts += 1;
          parts += 1;
          if (parts > limits.maxParts) {
            return {
              ok: false,
              reason: `the message has more than ${limits.maxParts} MIME parts (a MIME bomb or a broken message)`,
            };
          }
          inHeaders = true;
        } else {
          continue;
        }
        break;
      }
    }
    if (newline < 0) break;
  }
  if (open.some(broken)) return { ok: false, reason: EMPTY_MULTIPART };
  return { ok: true, structure: { parts, depth } };
}
