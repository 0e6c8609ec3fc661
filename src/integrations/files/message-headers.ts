/**
 * @module A dropped `.eml`, or a text file that starts with `From:`/`Subject:` lines, is triaged as a
 * message from that sender. Only the header block is read; the body stays untrusted content.
 */

export interface MessageHeaders {
  from: string;
  fromName: string | undefined;
  subject: string;
  body: string;
}

const HEADER_LINE = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/;
/** A header block longer than this is not a header block. */
const MAX_HEADER_LINES = 200;

function address(value: string): { email: string; name: string | undefined } {
  const angle = /^\s*"?([^"<]*?)"?\s*<([^>]+)>/.exec(value);
  if (angle) return { email: angle[2]!.trim().toLowerCase(), name: angle[1]!.trim() || undefined };
  const bare = /[^\s<>"]+@[^\s<>"]+/.exec(value);
  return { email: (bare?.[0] ?? value).trim().toLowerCase(), name: undefined };
}

/** Headers of a message-like text, or undefined when the text does not start like a message. */
export function readMessageHeaders(text: string): MessageHeaders | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headers = new Map<string, string>();
  let index = 0;
  let last: string | undefined;
  for (; index < Math.min(lines.length, MAX_HEADER_LINES); index += 1) {
    const line = lines[index]!;
    if (line.trim() === "") break;
    if (/^[ \t]/.test(line) && last !== undefined) {
      headers.set(last, `${headers.get(last) ?? ""} ${line.trim()}`);
      continue;
    }
    const match = HEADER_LINE.exec(line);
    if (!match) return undefined;
    last = match[1]!.toLowerCase();
    if (!headers.has(last)) headers.set(last, match[2]!.trim());
  }
  const from = headers.get("from");
  if (from === undefined || (!headers.has("subject") && !headers.has("to") && !headers.has("date")))
    return undefined;
  const sender = address(from);
  return {
    from: sender.email,
    fromName: sender.name,
    subject: headers.get("subject") ?? "",
    body: lines.slice(index + 1).join("\n"),
  };
}
