/**
 * @module The dashboard's secrets, all derived from its token with HMAC-SHA256: the session cookie (so
 * the token itself never sits in a cookie), the CSRF token of each form (bound to the session, the action
 * and the request), and the signature of a flash message (so a link cannot put words in the page's mouth).
 * Every comparison is constant-time.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { AuthError } from "../governance/errors/auth-error.js";

/** Short enough to type, long enough that guessing it over HTTP is hopeless. */
export const MIN_TOKEN_LENGTH = 16;

export type DecisionAction = "approve" | "reject";

export interface SessionKeys {
  /** The session cookie's value: an HMAC of the token. */
  readonly session: string;
  tokenMatches(candidate: string): boolean;
  sessionMatches(candidate: string): boolean;
  csrfFor(action: DecisionAction, id: string): string;
  csrfMatches(candidate: string, action: DecisionAction, id: string): boolean;
  signFlash(text: string): string;
  flashMatches(text: string, signature: string): boolean;
}

/** Hashing both sides first gives equal lengths, which `timingSafeEqual` needs, without leaking length. */
function secretsEqual(candidate: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(candidate), digest(expected));
}

export function createSessionKeys(token: string): SessionKeys {
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new AuthError(
      `DASHBOARD_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters: set a longer one, or unset it to have one generated`,
    );
  }
  // Parts never contain a newline (ids are checked, actions are fixed), so the joined text is unambiguous.
  const sign = (...parts: string[]) =>
    createHmac("sha256", token).update(parts.join("\n")).digest("base64url");
  const session = sign("session", "v1");
  return {
    session,
    tokenMatches: (candidate) => secretsEqual(candidate, token),
    sessionMatches: (candidate) => secretsEqual(candidate, session),
    csrfFor: (action, id) => sign("csrf", session, action, id),
    csrfMatches: (candidate, action, id) => secretsEqual(candidate, sign("csrf", session, action, id)),
    signFlash: (text) => sign("flash", text),
    flashMatches: (text, signature) => secretsEqual(signature, sign("flash", text)),
  };
}
