/**
 * @module The X (API v2) settings, read once from the environment. An OAuth 2.0 user token is required;
 * the refresh token and client id make it renewable. Missing or malformed values disable X with one
 * warning line (the `incomplete` status names what to fix).
 */
import { readVariables, type Environment, type IntegrationConfig } from "../integration-config.js";

export interface XConfig {
  /** OAuth 2.0 user-context access token (scopes tweet.read tweet.write users.read, media.write for media). */
  accessToken: string;
  /** Present when the app was authorized with `offline.access`: lets an expired access token be renewed. */
  refreshToken: string | undefined;
  clientId: string | undefined;
  /** Only confidential clients have one; public (PKCE) clients refresh with the client id alone. */
  clientSecret: string | undefined;
  /** The account's numeric id; looked up with `GET /2/users/me` when absent. */
  userId: string | undefined;
  /** API root without a trailing slash, e.g. `https://api.x.com`. */
  apiBaseUrl: string;
  pollSeconds: number;
}

export const DEFAULT_X_API_BASE_URL = "https://api.x.com";
export const DEFAULT_X_POLL_SECONDS = 300;
/**
 * The mentions timeline allows few requests per 15-minute window on the lower API tiers; polling faster
 * than once a minute only burns the allowance.
 */
export const MIN_X_POLL_SECONDS = 60;

const REQUIRED = ["X_ACCESS_TOKEN"] as const;
// X_API_BASE_URL and X_POLL_SECONDS alone do not make X "incomplete": they have safe defaults.
const OPTIONAL = ["X_REFRESH_TOKEN", "X_CLIENT_ID", "X_CLIENT_SECRET", "X_USER_ID"] as const;

export function readXConfig(env: Environment): IntegrationConfig<XConfig> {
  const variables = readVariables(env, REQUIRED, OPTIONAL);
  if (variables.status !== "configured") return variables;
  const problems: string[] = [];
  const value = (name: string) => {
    const text = (env[name] ?? "").trim();
    return text === "" ? undefined : text;
  };

  const refreshToken = value("X_REFRESH_TOKEN");
  const clientId = value("X_CLIENT_ID");
  if (refreshToken !== undefined && clientId === undefined) {
    problems.push("X_CLIENT_ID (needed with X_REFRESH_TOKEN to renew the access token)");
  }

  const userId = value("X_USER_ID");
  if (userId !== undefined && !/^\d{1,20}$/.test(userId)) problems.push("X_USER_ID (the numeric account id)");

  const apiBaseUrl = (value("X_API_BASE_URL") ?? DEFAULT_X_API_BASE_URL).replace(/\/+$/, "");
  if (!isHttpUrl(apiBaseUrl)) problems.push("X_API_BASE_URL (an http(s) URL such as https://api.x.com)");

  const pollText = value("X_POLL_SECONDS");
  const pollSeconds = pollText === undefined ? DEFAULT_X_POLL_SECONDS : Number(pollText);
  if (!Number.isInteger(pollSeconds) || pollSeconds < MIN_X_POLL_SECONDS) {
    problems.push(`X_POLL_SECONDS (a whole number of seconds, at least ${MIN_X_POLL_SECONDS})`);
  }

  if (problems.length > 0) return { status: "incomplete", missing: problems };
  return {
    status: "configured",
    config: {
      accessToken: variables.config.X_ACCESS_TOKEN,
      refreshToken,
      clientId,
      clientSecret: value("X_CLIENT_SECRET"),
      userId,
      apiBaseUrl,
      pollSeconds,
    },
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
