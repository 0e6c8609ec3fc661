/**
 * @module The bounds applied to one untrusted message: how much is downloaded, decoded, kept and saved.
 */

export interface EmailLimits {
  /** An attachment larger than this is listed with `skipped`, not saved. */
  maxAttachmentBytes: number;
  /** A message larger than this is not downloaded whole: its headers and text part are, the rest is listed. */
  maxMessageBytes: number;
  /** Decoded bytes of all parts together; more means the message is not what it claims (a MIME bomb). */
  maxDecodedBytes: number;
  maxParts: number;
  maxDepth: number;
  /** The body quoted in a task note is cut here; a person opens the mail client for the rest. */
  maxBodyCharacters: number;
}

/** Base64 grows content by 4/3 plus line breaks; this lets one attachment at the limit arrive whole. */
const TRANSFER_ENCODING_OVERHEAD = 1.4;
/** Room for the text, the headers and a few small attachments next to the largest one. */
const MESSAGE_HEADROOM_BYTES = 5 * 1024 * 1024;
/** Real mail has a few dozen parts at most (a long forwarded thread with its signatures and logos). */
const MAX_PARTS = 200;
/** Real mail nests a handful of levels (mixed > alternative > related, a forwarded message or two). */
const MAX_DEPTH = 16;
/** About 60 pages of text: plenty for a task note and for a model's context. */
const MAX_BODY_CHARACTERS = 100_000;

export function emailLimits(maxAttachmentBytes: number): EmailLimits {
  const maxMessageBytes =
    Math.round(maxAttachmentBytes * TRANSFER_ENCODING_OVERHEAD) + MESSAGE_HEADROOM_BYTES;
  return {
    maxAttachmentBytes,
    maxMessageBytes,
    // Decoding never makes content larger than its encoded form, so the raw size bounds it honestly.
    maxDecodedBytes: maxMessageBytes,
    maxParts: MAX_PARTS,
    maxDepth: MAX_DEPTH,
    maxBodyCharacters: MAX_BODY_CHARACTERS,
  };
}
