/**
 * @module Getting a Gmail refresh token: Google's OAuth 2.0 flow for installed apps, with a loopback
 * redirect and PKCE (RFC 7636, S256). A one-off HTTP server on 127.0.0.1 (a free port) receives the
 * browser's redirect; its `state` must be the one sent, else the flow stops; the code is exchanged,
 * with the PKCE verifier, at the token endpoint. Nothing is stored here: the caller decides where the
 * refresh token goes (never the vault).
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AuthError } from "../../governance/errors/auth-error.js";
import { REDACTED } from "../../governance/redact.js";
import { gmailFetch, parseJson, readBody } from "./gmail-http.js";

export const DEFAULT_GMAIL_AUTH_URL = "https://accounts.google.com/o/oauth2/v2/auth";
export const DEFAULT_GMAIL_TOKEN_URL = "https://oauth2.googleapis.com/token";
export const GMAIL_SCOPE = "https://www.googleapis.com/auth/gmail.modify";
/** How long a person has to click through Google's consent screen. */
export const DEFAULT_AUTHORIZATION_TIMEOUT_MS = 5 * 60_000;
/** Google's token answers are a few hundred bytes. */
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
const REDIRECT_PATH = "/oauth2callback";

export interface GmailAuthorizationOptions {
  clientId: string;
  clientSecret: string;
  /** Google's consent page (GMAIL_AUTH_URL). */
  authUrl?: string;
  /** Google's token endpoint (GMAIL_OAUTH_URL). */
  tokenUrl?: string;
  /** Called once the loopback server listens, with the address the person opens. */
  onConsentUrl(url: string, redirectUri: string): void;
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface GmailAuthorization {
  refreshToken: string;
  scope: string | undefined;
}

const base64url = (bytes: Buffer) => bytes.toString("base64url");

/** A PKCE pair: a 43-character verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: base64url(createHash("sha256").update(verifier).digest()) };
}

function page(response: ServerResponse, status: number, text: string) {
  const html = `<!doctype html><meta charset="utf-8"><title>AI Employee</title><p>${text}</p>`;
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    connection: "close",
  });
  response.end(html);
}

/** Runs the whole flow; resolves with the refresh token or rejects with one clear sentence. */
export async function authorizeGmail(options: GmailAuthorizationOptions): Promise<GmailAuthorization> {
  const fetcher = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_AUTHORIZATION_TIMEOUT_MS;
  const state = base64url(randomBytes(16));
  const { verifier, challenge } = pkcePair();
  const redact = (text: string) =>
    [options.clientSecret, verifier].reduce((out, secret) => out.split(secret).join(REDACTED), text);

  let settle: { resolve(value: GmailAuthorization): void; reject(error: Error): void } | undefined;
  const outcome = new Promise<GmailAuthorization>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let redirectUri = "";
  let busy = false;

  async function onRequest(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method !== "GET" || url.pathname !== REDIRECT_PATH) {
      page(response, 404, "Not found.");
      return;
    }
    if (busy) {
      page(response, 409, "The authorization is already being completed.");
      return;
    }
    busy = true;
    const params = url.searchParams;
    if (params.get("state") !== state) {
      page(response, 400, "Refused: this answer does not belong to the authorization that was started.");
      settle?.reject(
        new AuthError("the redirect's state did not match the request (refused); run the command again"),
      );
      return;
    }
    const denied = params.get("error");
    if (denied !== null) {
      page(response, 400, "Access was not granted. You can close this tab.");
      settle?.reject(new AuthError(`Google did not grant access (${denied}); run the command again`));
      return;
    }
    const code = params.get("code");
    if (!code) {
      page(response, 400, "The answer carries no authorization code.");
      settle?.reject(new AuthError("Google's redirect carried no authorization code; run the command again"));
      return;
    }
    try {
      const result = await exchange(code);
      page(response, 200, "Gmail access granted. You can close this tab and return to the terminal.");
      settle?.resolve(result);
    } catch (error) {
      page(response, 502, "The authorization code could not be exchanged; see the terminal.");
      settle?.reject(error as Error);
    }
  }

  async function exchange(code: string): Promise<GmailAuthorization> {
    const response = await gmailFetch(
      fetcher,
      options.tokenUrl ?? DEFAULT_GMAIL_TOKEN_URL,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          client_id: options.clientId,
          client_secret: options.clientSecret,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        }).toString(),
      },
      { signal: options.signal, doing: "exchanging the authorization code", redact },
    );
    const body = await readBody(response, MAX_TOKEN_RESPONSE_BYTES).catch(() => "");
    const json = parseJson(body) as Record<string, unknown> | undefined;
    if (!response.ok) {
      const code = typeof json?.error === "string" ? json.error : `HTTP ${response.status}`;
      const text = typeof json?.error_description === "string" ? `: ${redact(json.error_description)}` : "";
      const hint =
        code === "invalid_client" || code === "unauthorized_client"
          ? "check GMAIL_CLIENT_ID and GMAIL_CLIENT_SECRET"
          : "run the command again";
      throw new AuthError(`Google refused the authorization code (${code}${text}); ${hint}`);
    }
    const refreshToken = json?.refresh_token;
    if (typeof refreshToken !== "string" || refreshToken === "") {
      throw new AuthError(
        "Google answered without a refresh token; remove the app's access at https://myaccount.google.com/permissions and run the command again",
      );
    }
    return { refreshToken, scope: typeof json?.scope === "string" ? json.scope : undefined };
  }

  const server = createServer((request, response) => {
    void onRequest(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  redirectUri = `http://127.0.0.1:${port}${REDIRECT_PATH}`;

  const consent = new URL(options.authUrl ?? DEFAULT_GMAIL_AUTH_URL);
  for (const [name, value] of Object.entries({
    client_id: options.clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: GMAIL_SCOPE,
    access_type: "offline",
    prompt: "consent",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  })) {
    consent.searchParams.set(name, value);
  }

  const timer = setTimeout(
    () =>
      settle?.reject(
        new AuthError(
          `no answer from the browser within ${Math.round(timeoutMs / 60_000) || 1} minutes; run the command again`,
        ),
      ),
    timeoutMs,
  );
  const onAbort = () => settle?.reject(new AuthError("authorization cancelled"));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    options.onConsentUrl(consent.toString(), redirectUri);
    return await outcome;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    // The last page is sent with `connection: close`; a browser's spare connection is not waited for.
    server.close();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1_000).unref();
  }
}
