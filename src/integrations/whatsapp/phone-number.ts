/**
 * @module WhatsApp recipients as the Cloud API wants them: the international number as digits
 * (a wa_id), whatever spacing, dashes or leading `+` a person or a model wrote.
 */

/** E.164 allows at most 15 digits; 7 is shorter than any real international number. */
export const INTERNATIONAL_NUMBER = /^\+?[0-9][0-9 ().-]{5,22}$/;
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/** Digits only, or undefined when the text is not a plausible international phone number. */
export function normalizePhoneNumber(text: string): string | undefined {
  const trimmed = text.trim().replace(/^00/, "+");
  if (!INTERNATIONAL_NUMBER.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, "");
  return digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS ? digits : undefined;
}
