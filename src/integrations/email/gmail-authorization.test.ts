import { createHash } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeGoogleOAuth } from "../../../test/fakes/gmail/fake-google-oauth.js";
import { readBody, sendJson } from "../../../test/fakes/gmail/gmail-wire.js";
import { createGmailAccessToken } from "./gmail-access-token.js";
import { authorizeGmail, GMAIL_SCOPE } from "./gmail-authorization.js";

const CLIENT_ID = "1234-desktop.apps.googleusercontent.com";
const CLIENT_SECRET = "GOCSPX-test-secret";
const REFRESH_TOKEN = "1//refresh-from-consent";
const CODE = "4/0AbCdEf-authorization-code";

/**
 * Google's token endpoint: the authorization-code grant (RFC 6749 §4.1.3 with PKCE, RFC 7636 §4.6)
 * answered here, every other grant by the fake Google OAuth server. `challenge` is what the consent
 * URL carried, as Google remembers it with the code.
 */
function tokenEndpoint() {
  const oauth = createFakeGoogleOAuth({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    refreshToken: REFRESH_TOKEN,
    tokenLifetimeSeconds: 3600,
    now: () => new Date(),
  });
  const codeRequests: Record<string, string>[] = [];
  const consent: { challenge?: string; redirectUri?: string } = {};
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const form = new URLSearchParams(body);
      if (form.get("grant_type") !== "authorization_code") {
        await oauth.handle(Readable.from([Buffer.from(body)]) as unknown as IncomingMessage, response);
        return;
      }
      codeRequests.push(Object.fromEntries(form));
      const verifier = form.get("code_verifier") ?? "";
      const s256 = createHash("sha256").update(verifier).digest("base64url");
      if (form.get("client_id") !== CLIENT_ID || form.get("client_secret") !== CLIENT_SECRET) {
        sendJson(response, 401, { error: "invalid_client", error_description: "Unauthorized" });
      } else if (form.get("code") !== CODE || form.get("redirect_uri") !== consent.redirectUri) {
        sendJson(response, 400, { error: "invalid_grant", error_description: "Bad Request" });
      } else if (s256 !== consent.challenge) {
        sendJson(response, 400, { error: "invalid_grant", error_description: "Invalid code verifier." });
      } else {
        sendJson(response, 200, {
          access_token: "ya29.first",
          expires_in: 3599,
          refresh_token: REFRESH_TOKEN,
          scope: GMAIL_SCOPE,
          token_type: "Bearer",
        });
      }
    })();
  });
  return { server, oauth, codeRequests, consent };
}

let endpoint: ReturnType<typeof tokenEndpoint>;
let tokenUrl: string;

beforeEach(async () => {
  endpoint = tokenEndpoint();
  await new Promise<void>((resolve) => endpoint.server.listen(0, "127.0.0.1", resolve));
  tokenUrl = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}/token`;
});

afterEach(async () => {
  endpoint.server.closeAllConnections();
  await new Promise<void>((resolve) => endpoint.server.close(() => resolve()));
});

/** Starts the flow; `browser` plays the person's browser once the consent URL is printed. */
function start(browser: (consent: URL) => Promise<Response>, timeoutMs = 10_000) {
  let page: Promise<Response> | undefined;
  const result = authorizeGmail({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    authUrl: "https://accounts.example/o/oauth2/v2/auth",
    tokenUrl,
    timeoutMs,
    onConsentUrl(url) {
      const consent = new URL(url);
      endpoint.consent.challenge = consent.searchParams.get("code_challenge") ?? undefined;
      endpoint.consent.redirectUri = consent.searchParams.get("redirect_uri") ?? undefined;
      page = browser(consent);
    },
  });
  return { result, page: () => page as Promise<Response> };
}

function redirect(consent: URL, params: Record<string, string>): Promise<Response> {
  const target = new URL(consent.searchParams.get("redirect_uri") ?? "");
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return fetch(target);
}

describe("authorizeGmail", () => {
  it("asks for offline Gmail access with PKCE and exchanges the redirect's code for a refresh token", async () => {
    let consent: URL | undefined;
    const flow = start(async (url) => {
      consent = url;
      return redirect(url, { code: CODE, state: url.searchParams.get("state") ?? "", scope: GMAIL_SCOPE });
    });
    const result = await flow.result;
    expect(result.refreshToken).toBe(REFRESH_TOKEN);
    const page = await flow.page();
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("You can close this tab");

    const params = Object.fromEntries(consent?.searchParams ?? []);
    expect(`${consent?.origin}${consent?.pathname}`).toBe("https://accounts.example/o/oauth2/v2/auth");
    expect(params).toMatchObject({
      client_id: CLIENT_ID,
      response_type: "code",
      scope: GMAIL_SCOPE,
      access_type: "offline",
      prompt: "consent",
      code_challenge_method: "S256",
    });
    expect(params.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(params.state).toMatch(/^[\w-]{20,}$/);

    const [exchange] = endpoint.codeRequests;
    expect(endpoint.codeRequests).toHaveLength(1);
    expect(exchange).toMatchObject({
      grant_type: "authorization_code",
      code: CODE,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uri: params.redirect_uri,
    });
    const verifier = exchange?.code_verifier ?? "";
    expect(verifier).toMatch(/^[\w-]{43,128}$/);
    expect(createHash("sha256").update(verifier).digest("base64url")).toBe(params.code_challenge);

    // The token works where the employee will use it: the refresh grant at the same endpoint.
    const access = createGmailAccessToken({
      settings: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        refreshToken: result.refreshToken,
        apiBaseUrl: "http://127.0.0.1:1",
        oauthUrl: tokenUrl,
        query: "",
      },
      fetch,
      now: () => new Date(),
    });
    expect(endpoint.oauth.valid(await access.get(undefined))).toBe(true);
  });

  it("refuses a redirect whose state is not the one sent, and exchanges nothing", async () => {
    const flow = start((url) => redirect(url, { code: CODE, state: "forged-state" }));
    await expect(flow.result).rejects.toThrow(/state did not match/);
    expect((await flow.page()).status).toBe(400);
    expect(endpoint.codeRequests).toHaveLength(0);
  });

  it("fails with one clear line when the person denies access", async () => {
    const flow = start((url) =>
      redirect(url, { error: "access_denied", state: url.searchParams.get("state") ?? "" }),
    );
    await expect(flow.result).rejects.toThrow("Google did not grant access (access_denied)");
    expect(endpoint.codeRequests).toHaveLength(0);
  });

  it("reports a refused exchange (a verifier that does not match the challenge) clearly", async () => {
    const flow = start((url) => {
      endpoint.consent.challenge = "not-the-challenge";
      return redirect(url, { code: CODE, state: url.searchParams.get("state") ?? "" });
    });
    await expect(flow.result).rejects.toThrow(
      "Google refused the authorization code (invalid_grant: Invalid code verifier.)",
    );
    expect((await flow.page()).status).toBe(502);
  });

  it("gives up when no redirect arrives in time", async () => {
    const flow = start(async () => new Response(null), 100);
    await expect(flow.result).rejects.toThrow(/no answer from the browser/);
  });
});
