/**
 * @module Invisible Unicode removed from outside text before a model reads it: characters a person does
 * not see but a model does, the usual carriers of hidden instructions — ASCII smuggled in tag characters,
 * bytes hidden in runs of variation selectors, text reordered by bidi controls, words split by zero-width
 * joiners. The watchers strip these too; the reasoner does it again because it is the last door.
 */

const INVISIBLE = new RegExp(
  [
    // C0 and C1 control codes except tab and newline (carriage returns are normalised first).
    "[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]",
    // Soft hyphen, Arabic letter mark, Hangul fillers, Mongolian vowel separator.
    "[\\u00ad\\u061c\\u115f\\u1160\\u180e\\u3164\\uffa0]",
    // Combining grapheme joiner and the Khmer inherent vowels (combining marks, so each stands alone).
    "\\u034f",
    "\\u17b4",
    "\\u17b5",
    // Zero-width space, joiners, direction marks, bidi embeddings, overrides and isolates, word joiner,
    // invisible operators, deprecated format characters.
    "[\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f]",
    // Byte-order mark / zero-width no-break space, interlinear annotations.
    "[\\ufeff\\ufff9-\\ufffb]",
    // Tag characters (U+E0000–U+E007F) and the supplementary variation selectors (U+E0100–U+E01EF).
    "[\\u{e0000}-\\u{e007f}]",
    "[\\u{e0100}-\\u{e01ef}]",
  ].join("|"),
  "gu",
);

/**
 * Variation selectors: one VS15/VS16 right after a pictograph is how emoji are written and stays; any
 * other selector (a run of them, or one after a letter) carries nothing a person sees and goes.
 */
const VARIATION_SELECTORS = /(\p{Extended_Pictographic}[\ufe0e\ufe0f])[\ufe00-\ufe0f]*|[\ufe00-\ufe0f]+/gu;

export function stripInvisibleUnicode(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(VARIATION_SELECTORS, (_match, emoji: string | undefined) => emoji ?? "")
    .replace(INVISIBLE, "");
}
