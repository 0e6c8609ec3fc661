/**
 * @module A fake Google OAuth 2.0 token endpoint: the refresh-token grant answers an access token with
 * its lifetime; an unknown client is `invalid_client` (401) and an unknown or revoked refresh token
 * `invalid_grant` (400), as Google answers. It remembers the access tokens it issued and their expiry.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "./gmail-wire.js";

export function createFakeGoogleOAuth(options: {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  tokenLifetimeSeconds: number;
  now: () => Date;
}) {
  const tokens = new Map<string, number>();
  const tokenRequests: { grantType: string | null; refreshToken: string | null }[] = [];
  const { clientId, clientSecret, refreshToken, now } = options;

  async function token(request: IncomingMessage, response: ServerResponse) {
    const form = new URLSearchParams(await readBody(request));
    tokenRequests.push({ grantType: form.get("grant_type"), refreshToken: form.get("refresh_token") });
    if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret) {
      sendJson(response, 401, {
        error: "invalid_client",
        error_description: "The OAuth client was not found.",
      });
      return;
    }
    if (form.get("grant_type") !== "refresh_token" || form.get("refresh_token") !== refreshToken) {
      sendJson(response, 400, {
        error: "invalid_grant",
        error_description: "Token has been expired or revoked.",
      });
      return;
    }
    const lifetime = options.tokenLifetimeSeconds;
    const accessToken = `ya29.fake-${randomBytes(12).toString("hex")}`;
    tokens.set(accessToken, now().getTime() + lifetime * 1000);
    sendJson(response, 200, {
      access_token: accessToken,
      expires_in: lifetime,
      scope: "https://www.googleapis.com/auth/gmail.modify",
      token_type: "Bearer",
    });
  }

  return {
    tokenRequests,
    handle: token,
    /** Whether a bearer token was issued here and has not expired. */
    valid(bearer: string | undefined): boolean {
      const expiry = bearer ? tokens.get(bearer) : undefined;
      return expiry !== undefined && expiry >= now().getTime();
    },
    revokeAll() {
      tokens.clear();
    },
  };
}
