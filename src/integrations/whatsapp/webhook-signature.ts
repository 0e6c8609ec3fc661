/**
 * @module Meta's webhook signature: `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw
 * request body keyed with the app secret. Anything else (a re-serialised body, a missing prefix, a short
 * digest) is refused; the comparison takes the same time whatever the first differing byte.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const SIGNATURE_FORMAT = /^sha256=([0-9a-f]{64})$/i;

export type SignatureCheck =
  { valid: true } | { valid: false; reason: "missing signature" | "bad signature" };

export function verifyWebhookSignature(
  rawBody: Uint8Array,
  header: string | undefined,
  appSecret: string,
): SignatureCheck {
  if (header === undefined || header.trim() === "") return { valid: false, reason: "missing signature" };
  const match = SIGNATURE_FORMAT.exec(header.trim());
  if (!match?.[1]) return { valid: false, reason: "bad signature" };
  const received = Buffer.from(match[1], "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  // timingSafeEqual throws on different lengths; the format check already fixes 32 bytes, this keeps it so.
  if (received.length !== expected.length) return { valid: false, reason: "bad signature" };
  return timingSafeEqual(received, expected) ? { valid: true } : { valid: false, reason: "bad signature" };
}

/** Compares two secrets (the verify token) without leaking the matching prefix's length through timing. */
export function secretsEqual(given: string, expected: string): boolean {
  const left = createHmac("sha256", "compare").update(given).digest();
  const right = createHmac("sha256", "compare").update(expected).digest();
  return timingSafeEqual(left, right);
}
