/**
 * @module One authenticated conversation with X API v2 through `twitter-api-v2`. It owns the OAuth 2.0
 * user token (renewed once on a 401 with the refresh token, the new pair kept in the token store), and
 * the rate limits X reports in `x-rate-limit-*` headers: a limit whose reset is more than
 * `X_SHORT_RATE_LIMIT_WAIT_MS` away fails at once with a `RateLimitError` (the action is parked, X is
 * not hammered); a nearer one is waited out once.
 */
import { createHash } from "node:crypto";
import type { TwitterApi, TwitterRateLimit } from "twitter-api-v2";
import { z } from "zod";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { createRedactor } from "../../governance/redact.js";
import { createXBaseUrlPlugin, xHttpAgentFor } from "./x-base-url-plugin.js";
import type { XConfig } from "./x-config.js";
import { isXResponseError, mapXError } from "./x-error.js";
import type { XTokens, XTokenStore } from "./x-token-store.js";

/** The rule: a reset further away than this parks the action instead of waiting. */
export const X_SHORT_RATE_LIMIT_WAIT_MS = 30_000;
/** X's reset is in whole seconds; waking a little after it avoids a second 429 at the boundary. */
const RESET_MARGIN_MS = 1_000;
/** Renew a token this long before its stated expiry, so a call does not start with a dying token. */
const EXPIRY_MARGIN_MS = 60_000;
/** One try, one after renewing the token, one after waiting out a short rate limit. */
const MAX_ATTEMPTS = 3;

export type XQuery = Record<string, string | number | undefined>;

export interface XRequestOptions {
  /** Values for `:name` placeholders in the endpoint. */
  pathParams?: Record<string, string>;
  /** Send the body as multipart form data (media upload) instead of JSON. */
  form?: boolean;
  /** For messages: what the call is doing, e.g. "posting on X". */
  what: string;
}

export interface XSession {
  /** `endpoint` is relative to `/2/`, e.g. `users/:id/mentions`. */
  get(endpoint: string, query: XQuery, options: XRequestOptions): Promise<unknown>;
  post(endpoint: string, body: Record<string, unknown>, options: XRequestOptions): Promise<unknown>;
  /** The account's numeric id: `X_USER_ID`, or looked up once with `GET /2/users/me`. */
  userId(): Promise<string>;
}

export interface XSessionDeps {
  config: XConfig;
  tokenStore: XTokenStore;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().optional(),
});
const meResponse = z.object({ data: z.object({ id: z.string(), username: z.string() }) });

export function createXSession(deps: XSessionDeps): XSession {
  const { config, tokenStore, now, sleep } = deps;
  const settings = {
    plugins: [createXBaseUrlPlugin(config.apiBaseUrl)],
    httpAgent: xHttpAgentFor(config.apiBaseUrl),
  };
  const origin = createHash("sha256").update(config.accessToken).digest("hex");
  const rateLimits = new Map<string, TwitterRateLimit>();
  let tokens: XTokens | undefined;
  let renewal: Promise<void> | undefined;
  let userId: Promise<string> | undefined;

  const clean = (text: string) =>
    createRedactor(
      [
        config.accessToken,
        config.refreshToken,
        config.clientSecret,
        tokens?.accessToken,
        tokens?.refreshToken,
      ].filter((secret): secret is string => secret !== undefined),
    ).text(text);

  async function currentTokens(): Promise<XTokens> {
    if (tokens) return tokens;
    const stored = await tokenStore.read();
    // Stored tokens descend from the environment's token; a new token in the environment starts over.
    tokens =
      stored?.origin === origin
        ? stored
        : {
            accessToken: config.accessToken,
            refreshToken: config.refreshToken,
            expiresAt: undefined,
            origin,
          };
    return tokens;
  }

  function renew(failedAccessToken: string): Promise<void> {
    renewal ??= (async () => {
      const current = await currentTokens();
      // Another call renewed the token while this one was failing: just use the new one.
      if (current.accessToken !== failedAccessToken) return;
      // Another process (an MCP server, the daemon) may have renewed it; its refresh token is the live one.
      const stored = await tokenStore.read();
      if (stored?.origin === origin && stored.accessToken !== failedAccessToken) {
        tokens = stored;
        return;
      }
      if (!current.refreshToken || !config.clientId) {
        throw new AuthError(
          "X refused the access token (expired or revoked) and it cannot be renewed: set X_REFRESH_TOKEN and X_CLIENT_ID, or a new X_ACCESS_TOKEN.",
        );
      }
      const { TwitterApi: Client } = await import("twitter-api-v2");
      const app = new Client({ clientId: config.clientId, clientSecret: config.clientSecret }, settings);
      let answer: unknown;
      try {
        answer = await app.post(
          "https://api.x.com/2/oauth2/token",
          { grant_type: "refresh_token", refresh_token: current.refreshToken, client_id: config.clientId },
          { forceBodyMode: "url" },
        );
      } catch (error) {
        if (isXResponseError(error) && (error.code === 400 || error.code === 401)) {
          throw new AuthError(
            "X refused the refresh token; authorize the app again and set new X_ACCESS_TOKEN and X_REFRESH_TOKEN values.",
          );
        }
        throw mapXError(error, "renewing the X access token", clean);
      }
      const parsed = tokenResponse.safeParse(answer);
      if (!parsed.success)
        throw new AuthError("X's token renewal answered without an access token; authorize the app again.");
      const renewed: XTokens = {
        accessToken: parsed.data.access_token,
        // X rotates the refresh token; the old one is dead once a new one is issued.
        refreshToken: parsed.data.refresh_token ?? current.refreshToken,
        expiresAt:
          parsed.data.expires_in === undefined
            ? undefined
            : new Date(now().getTime() + parsed.data.expires_in * 1000).toISOString(),
        origin,
      };
      await tokenStore.write(renewed);
      tokens = renewed;
    })().finally(() => {
      renewal = undefined;
    });
    return renewal;
  }

  /** The latest reset among the windows X says are used up (15-minute, app day, user day). */
  function resetOf(limit: TwitterRateLimit | undefined): Date | undefined {
    if (!limit) return undefined;
    const windows = [limit, limit.day, limit.userDay].filter((window) => window !== undefined);
    const spent = windows.filter((window) => window.remaining <= 0);
    const resets = (spent.length > 0 ? spent : [limit]).map((window) => window.reset).filter(Number.isFinite);
    return resets.length === 0 ? undefined : new Date(Math.max(...resets) * 1000);
  }

  function parkedError(what: string, resetAt: Date | undefined): RateLimitError {
    const when = resetAt ? `it resets at ${resetAt.toISOString()}` : "X did not say when it resets";
    return new RateLimitError(`X rate limit reached while ${what}; ${when}. The action waits until then.`, {
      ...(resetAt ? { resetAt, retryAfterMs: Math.max(0, resetAt.getTime() - now().getTime()) } : {}),
    });
  }

  async function send(
    key: string,
    options: XRequestOptions,
    call: (client: TwitterApi) => Promise<{ data: unknown; rateLimit?: TwitterRateLimit }>,
  ): Promise<unknown> {
    const known = rateLimits.get(key);
    // Any spent window counts: the 15-minute one, or the app's or user's 24-hour one.
    if (
      known &&
      [known, known.day, known.userDay].some((window) => window !== undefined && window.remaining <= 0)
    ) {
      const resetAt = resetOf(known);
      const wait = resetAt ? resetAt.getTime() - now().getTime() : 0;
      if (wait > X_SHORT_RATE_LIMIT_WAIT_MS) throw parkedError(options.what, resetAt);
      if (wait > 0) await sleep(wait + RESET_MARGIN_MS);
    }
    let renewed = false;
    let waited = false;
    for (let attempt = 1; ; attempt += 1) {
      const current = await currentTokens();
      if (
        !renewed &&
        current.expiresAt !== undefined &&
        current.refreshToken &&
        config.clientId &&
        Date.parse(current.expiresAt) - EXPIRY_MARGIN_MS <= now().getTime()
      ) {
        await renew(current.accessToken);
        renewed = true;
        continue;
      }
      try {
        // twitter-api-v2 is loaded with the first call to X, not at every start of the employee.
        const { TwitterApi: Client } = await import("twitter-api-v2");
        const response = await call(new Client(current.accessToken, settings));
        if (response.rateLimit) rateLimits.set(key, response.rateLimit);
        return response.data;
      } catch (error) {
        if (!isXResponseError(error) || attempt >= MAX_ATTEMPTS) throw mapXError(error, options.what, clean);
        if (error.rateLimit) rateLimits.set(key, error.rateLimit);
        if (error.code === 401 && !renewed) {
          await renew(current.accessToken);
          renewed = true;
          continue;
        }
        if (error.code === 429) {
          const resetAt = resetOf(error.rateLimit);
          const wait = resetAt ? resetAt.getTime() - now().getTime() : Number.POSITIVE_INFINITY;
          if (waited || wait > X_SHORT_RATE_LIMIT_WAIT_MS) throw parkedError(options.what, resetAt);
          await sleep(Math.max(0, wait) + RESET_MARGIN_MS);
          waited = true;
          continue;
        }
        throw mapXError(error, options.what, clean);
      }
    }
  }

  const session: XSession = {
    get(endpoint, query, options) {
      return send(`GET ${endpoint}`, options, (client) =>
        client.v2.get(endpoint, query, {
          fullResponse: true,
          ...(options.pathParams ? { params: options.pathParams } : {}),
        }),
      );
    },
    post(endpoint, body, options) {
      return send(`POST ${endpoint}`, options, (client) =>
        client.v2.post(endpoint, body, {
          fullResponse: true,
          ...(options.pathParams ? { params: options.pathParams } : {}),
          ...(options.form ? { forceBodyMode: "form-data" as const } : {}),
        }),
      );
    },
    userId() {
      if (config.userId) return Promise.resolve(config.userId);
      userId ??= session.get("users/me", {}, { what: "looking up the X account" }).then((answer) => {
        const parsed = meResponse.safeParse(answer);
        if (!parsed.success)
          throw new DataError("X's GET /2/users/me answered without an account id; set X_USER_ID.");
        return parsed.data.data.id;
      });
      userId.catch(() => {
        userId = undefined;
      });
      return userId;
    },
  };
  return session;
}
