/**
 * @module Secret redaction, applied before anything is written to a log, a note or an error message.
 *
 * Three nets, from most to least certain: the exact values of configured secrets, keys whose name says
 * "secret", and patterns that look like credentials (bearer tokens, API keys, URL passwords, card numbers).
 */

export const REDACTED = "[REDACTED]";

/**
 * Matched against a key in snake_case, so `accessToken`, `access_token` and `ACCESS-TOKEN` all count;
 * `secret_key` and `aws_secret_access_key` end in "key", so they are named too.
 */
const SECRET_KEY =
  /(^|_)(password|passwd|pass|secret|token|api_?key|authorization|cookie|credentials?|(secret|access|private)_?key|pin|cvv|cvc)$/;

/** Labels of form fields whose value is a secret. */
const SECRET_FIELD_LABEL =
  /pass(word|code|phrase)?|\bpin\b|cvc|cvv|security code|one[- ]time|\botp\b|secret|token|api[ _-]?key/i;

function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/-/g, "_")
    .toLowerCase();
}

const SECRET_PATTERNS: readonly RegExp[] = [
  // Authorization header values.
  /\b(Bearer|Basic|Token)\s+[A-Za-z0-9\-._~+/]{8,}=*/g,
  // Well-known key prefixes: OpenAI-style, GitHub, Slack, Google, Meta page tokens.
  /\b(sk|pk|rk)-[A-Za-z0-9_-]{16,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\bya29\.[0-9A-Za-z_-]{20,}/g,
  /\bEAA[A-Za-z0-9]{30,}/g,
  // JSON Web Tokens.
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  // Credentials in query strings and key=value text.
  /\b(access_token|refresh_token|client_secret|api_key|apikey|password|passwd|token)=[^&\s"']+/gi,
];

/** user:password@ in URLs. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@/\s]+@/gi;

/** Runs of 13–19 digits (spaces or dashes allowed) that pass the Luhn check: payment card numbers. */
const CARD_CANDIDATE = /\b(?:\d[ -]?){12,18}\d\b/g;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let digit = Number(digits[index]);
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

export interface Redactor {
  text(value: string): string;
  /** A deep copy with secret-named keys and secret-looking strings replaced. */
  value<T>(value: T): T;
}

/** Secrets shorter than this are not matched as exact values: they would redact ordinary words. */
const MIN_KNOWN_SECRET_LENGTH = 6;
/** Bounds the walk over untrusted nested input. */
const MAX_DEPTH = 32;

export function createRedactor(knownSecrets: readonly string[] = []): Redactor {
  const exact = [...new Set(knownSecrets.filter((secret) => secret.length >= MIN_KNOWN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );

  function text(input: string): string {
    let output = input;
    for (const secret of exact) output = output.split(secret).join(REDACTED);
    for (const pattern of SECRET_PATTERNS) {
      output = output.replace(pattern, (match: string, prefix?: string) => {
        if (typeof prefix === "string" && /^(Bearer|Basic|Token)$/i.test(prefix))
          return `${prefix} ${REDACTED}`;
        const equals = match.indexOf("=");
        return equals > 0 ? `${match.slice(0, equals + 1)}${REDACTED}` : REDACTED;
      });
    }
    output = output.replace(URL_PASSWORD, `$1${REDACTED}@`);
    output = output.replace(CARD_CANDIDATE, (match) => {
      const digits = match.replace(/\D/g, "");
      return digits.length >= 13 && passesLuhn(digits) ? REDACTED : match;
    });
    return output;
  }

  function walk(input: unknown, depth: number): unknown {
    if (typeof input === "string") return text(input);
    if (depth > MAX_DEPTH || input === null || typeof input !== "object") return input;
    if (input instanceof Date) return input;
    if (Array.isArray(input)) return input.map((item) => walk(item, depth + 1));
    const output: Record<string, unknown> = {};
    // A form field given as { label: "Password", value: "..." }: the secret is the value beside the name.
    const record = input as Record<string, unknown>;
    const fieldName = [record.label, record.name, record.field, record.selector].find(
      (name): name is string => typeof name === "string",
    );
    const secretField = fieldName !== undefined && SECRET_FIELD_LABEL.test(fieldName);
    for (const [key, item] of Object.entries(input)) {
      if (secretField && key === "value" && item !== null && item !== "") {
        output[key] = REDACTED;
        continue;
      }
      output[key] =
        SECRET_KEY.test(snakeCase(key)) && item !== null && item !== "" ? REDACTED : walk(item, depth + 1);
    }
    return output;
  }

  return { text, value: <T>(value: T) => walk(value, 0) as T };
}
