/**
 * @module The Facebook Page and Instagram settings, read once from the environment. Each network is
 * configured on its own; a missing or malformed value disables that network with one warning line.
 * `GRAPH_API_BASE_URL` is shared with WhatsApp, so it alone never makes either "incomplete".
 */
import { readVariables, type Environment, type IntegrationConfig } from "../integration-config.js";

export interface FacebookConfig {
  pageId: string;
  /** A Page access token with pages_manage_posts and pages_read_engagement (read_insights for views). */
  pageToken: string;
  /** Graph API root including the version, without a trailing slash. */
  graphApiBaseUrl: string;
}

export interface InstagramConfig {
  /** The Instagram professional account's id (not the @handle). */
  userId: string;
  /** A token with instagram_basic, instagram_content_publish and instagram_manage_insights. */
  accessToken: string;
  graphApiBaseUrl: string;
}

/** The current Graph API version (v26.0, released July 2026) per Meta's Graph API changelog. */
export const DEFAULT_GRAPH_API_BASE_URL = "https://graph.facebook.com/v26.0";

export function readFacebookConfig(env: Environment): IntegrationConfig<FacebookConfig> {
  const variables = readVariables(env, ["FACEBOOK_PAGE_ID", "FACEBOOK_PAGE_TOKEN"] as const);
  if (variables.status !== "configured") return variables;
  const problems: string[] = [];
  if (!/^\d{1,20}$/.test(variables.config.FACEBOOK_PAGE_ID))
    problems.push("FACEBOOK_PAGE_ID (the Page's numeric id)");
  const graphApiBaseUrl = readBaseUrl(env, problems);
  if (problems.length > 0) return { status: "incomplete", missing: problems };
  return {
    status: "configured",
    config: {
      pageId: variables.config.FACEBOOK_PAGE_ID,
      pageToken: variables.config.FACEBOOK_PAGE_TOKEN,
      graphApiBaseUrl,
    },
  };
}

export function readInstagramConfig(env: Environment): IntegrationConfig<InstagramConfig> {
  const variables = readVariables(env, ["INSTAGRAM_USER_ID", "INSTAGRAM_ACCESS_TOKEN"] as const);
  if (variables.status !== "configured") return variables;
  const problems: string[] = [];
  if (!/^\d{1,20}$/.test(variables.config.INSTAGRAM_USER_ID)) {
    problems.push("INSTAGRAM_USER_ID (the professional account's numeric id, not the @handle)");
  }
  const graphApiBaseUrl = readBaseUrl(env, problems);
  if (problems.length > 0) return { status: "incomplete", missing: problems };
  return {
    status: "configured",
    config: {
      userId: variables.config.INSTAGRAM_USER_ID,
      accessToken: variables.config.INSTAGRAM_ACCESS_TOKEN,
      graphApiBaseUrl,
    },
  };
}

function readBaseUrl(env: Environment, problems: string[]): string {
  const baseUrl = ((env.GRAPH_API_BASE_URL ?? "").trim() || DEFAULT_GRAPH_API_BASE_URL).replace(/\/+$/, "");
  try {
    const url = new URL(baseUrl);
    if (url.protocol === "https:" || url.protocol === "http:") return baseUrl;
  } catch {
    // Reported below.
  }
  problems.push("GRAPH_API_BASE_URL (an http(s) URL such as https://graph.facebook.com/v26.0)");
  return baseUrl;
}
