/**
 * @module The Gmail access token: obtained from the refresh token at Google's OAuth endpoint (or
 * GMAIL_OAUTH_URL), cached until shortly before it expires, dropped when the API says it was revoked.
 */
import { AuthError } from "../../governance/errors/auth-error.js";
import { REDACTED } from "../../governance/redact.js";
import type { GmailSettings } from "./email-account-config.js";
import { oauthError } from "./gmail-error.js";
import { gmailFetch, parseJson, readBody } from "./gmail-http.js";
import { oauthTokenSchema } from "./gmail-schemas.js";

/** A token is refreshed this long before Google says it expires, so no call races its expiry. */
const TOKEN_MARGIN_MS = 60_000;
/** Google's token answers are a few hundred bytes. */
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
/** Google issues tokens for an hour; assumed when an answer does not say. */
const DEFAULT_LIFETIME_SECONDS = 3600;

export interface GmailAccessToken {
  get(signal: AbortSignal | undefined): Promise<string>;
  /** Forgets the cached token, so the next call fetches a fresh one. */
  invalidate(): void;
  /** Redacts the refresh token, the client secret and the current access token from a text. */
  redact(text: string): string;
}

export function createGmailAccessToken(deps: {
  settings: GmailSettings;
  fetch: typeof fetch;
  now: () => Date;
}): GmailAccessToken {
  const { settings } = deps;
  let token: { value: string; expiresAt: number } | undefined;
  const redact = (text: string) =>
    [settings.clientSecret, settings.refreshToken, token?.value ?? ""]
      .filter((secret) => secret.length > 0)
      .reduce((output, secret) => output.split(secret).join(REDACTED), text);

  return {
    redact,
    invalidate() {
      token = undefined;
    },
    async get(signal) {
      if (token && token.expiresAt - TOKEN_MARGIN_MS > deps.now().getTime()) return token.value;
      const response = await gmailFetch(
        deps.fetch,
        settings.oauthUrl,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            grant_type: "refresh_token",
            client_id: settings.clientId,
            client_secret: settings.clientSecret,
            refresh_token: settings.refreshToken,
          }).toString(),
        },
        { signal, doing: "refreshing the access token", redact },
      );
      const body = await readBody(response, MAX_TOKEN_RESPONSE_BYTES);
      if (!response.ok) throw oauthError(response.status, body, redact);
      const parsed = oauthTokenSchema.safeParse(parseJson(body));
      if (!parsed.success) {
        throw new AuthError(
          "Google's token endpoint answered without an access token; check GMAIL_OAUTH_URL",
        );
      }
      const lifetime = parsed.data.expires_in ?? DEFAULT_LIFETIME_SECONDS;
      token = { value: parsed.data.access_token, expiresAt: deps.now().getTime() + lifetime * 1000 };
      return token.value;
    },
  };
}
