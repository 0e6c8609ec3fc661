/**
 * @module A byte-exact multipart/form-data reader for the fake: X's clients send the media chunk as a
 * part without a file name, which a WHATWG `formData()` turns into (lossy) text.
 */

export interface MultipartPart {
  name: string;
  data: Buffer;
}

export function multipartParts(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    if (split !== -1) {
      const headers = part.subarray(0, split).toString("utf8");
      const name = /name="([^"]*)"/.exec(headers)?.[1];
      if (name !== undefined) parts.push({ name, data: part.subarray(split + 4) });
    }
    start = next;
  }
  return parts;
}
