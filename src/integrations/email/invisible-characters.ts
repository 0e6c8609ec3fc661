/**
 * @module Invisible Unicode removed from untrusted mail text: characters a person does not see but a
 * model reads, the usual carriers of hidden instructions (ASCII smuggling in tag characters, text
 * reordered by bidi controls, words split by zero-width joiners).
 */

/**
 * Zero-width and formatting characters (U+200B–U+200F, U+2060–U+2064, U+FEFF, soft hyphen, Mongolian
 * vowel separator), bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the tag
 * block (U+E0000–U+E007F), interlinear annotations (U+FFF9–U+FFFB) and variation selectors.
 */
const INVISIBLE =
  /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ufe00-\ufe0f]|\udb40[\udc00-\udc7f]|\udb40[\udd00-\uddef]/g;

/** C0/C1 control characters other than tab and newline. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function stripInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE, "").replace(/\r\n?/g, "\n").replace(CONTROL, "");
}
