/**
 * @module LinkedIn's "little text" format for a post's `commentary`. Its reserved characters
 * (`| { } @ [ ] ( ) < > # \ * _ ~`) must be escaped with a backslash, or LinkedIn cuts the post short at
 * the first one; `#word` becomes the hashtag template so it still links as a hashtag.
 */

const RESERVED = /[|{}@[\]()<>#\\*_~]/g;
const HASHTAG = /(^|[^\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu;

function escapeReserved(text: string): string {
  return text.replace(RESERVED, (character) => `\\${character}`);
}

export function toLittleText(text: string): string {
  let output = "";
  let last = 0;
  for (const match of text.matchAll(HASHTAG)) {
    const [whole, before = "", tag = ""] = match;
    const start = match.index;
    output += escapeReserved(text.slice(last, start) + before);
    output += `{hashtag|\\#|${escapeReserved(tag)}}`;
    last = start + whole.length;
  }
  return output + escapeReserved(text.slice(last));
}
