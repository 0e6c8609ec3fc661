/**
 * @module Page text is untrusted and is read by a model. Characters a person cannot see — zero-width
 * spaces, bidirectional overrides, Unicode tag characters ("ASCII smuggling"), variation selectors,
 * soft hyphens, control codes — are where a page hides instructions for a model, so they are removed
 * before any page text leaves this integration.
 */

const INVISIBLE = new RegExp(
  [
    // C0 and C1 control codes except tab and newline.
    "[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]",
    // Soft hyphen, Arabic letter mark, Mongolian vowel separator; the combining grapheme joiner.
    "[\\u00ad\\u061c\\u180e]",
    "\\u034f",
    // Zero-width spaces and joiners, direction marks, bidi embeddings and overrides, word joiner,
    // invisible operators, bidi isolates, deprecated format characters.
    "[\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f]",
    // The byte-order mark / zero-width no-break space, interlinear annotations.
    "[\\ufeff\\ufff9-\\ufffb]",
    // Variation selectors and Unicode tag characters (combining, so each range stands alone).
    "[\\ufe00-\\ufe0f]",
    "[\\u{e0000}-\\u{e007f}]",
    "[\\u{e0100}-\\u{e01ef}]",
  ].join("|"),
  "gu",
);

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}
