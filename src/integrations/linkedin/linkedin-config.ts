/**
 * @module The LinkedIn (Posts API) settings, read once from the environment. Missing or malformed
 * values disable LinkedIn with one warning line that names what to fix.
 */
import { readVariables, type Environment, type IntegrationConfig } from "../integration-config.js";

export interface LinkedInConfig {
  /** An OAuth 2.0 token with w_member_social (a person) or w_organization_social (a Page). Lasts 60 days. */
  accessToken: string;
  /** Who posts: `urn:li:person:…` or `urn:li:organization:…`. */
  authorUrn: string;
  /** API root without a trailing slash, e.g. `https://api.linkedin.com`. */
  apiBaseUrl: string;
  /** The `LinkedIn-Version` header, YYYYMM (or YYYYMM.RR). */
  version: string;
}

export const DEFAULT_LINKEDIN_API_BASE_URL = "https://api.linkedin.com";
/**
 * July 2026, the latest version in LinkedIn's versioning guide when this was written. LinkedIn supports a
 * version for at least a year, then answers 426; the error tells the person to raise LINKEDIN_VERSION.
 */
export const DEFAULT_LINKEDIN_VERSION = "202607";

const REQUIRED = ["LINKEDIN_ACCESS_TOKEN", "LINKEDIN_AUTHOR_URN"] as const;
// LINKEDIN_API_BASE_URL and LINKEDIN_VERSION have defaults; alone they do not make LinkedIn "incomplete".

export function readLinkedInConfig(env: Environment): IntegrationConfig<LinkedInConfig> {
  const variables = readVariables(env, REQUIRED);
  if (variables.status !== "configured") return variables;
  const problems: string[] = [];
  const authorUrn = variables.config.LINKEDIN_AUTHOR_URN;
  if (!/^urn:li:(person|organization):[A-Za-z0-9_-]+$/.test(authorUrn)) {
    problems.push("LINKEDIN_AUTHOR_URN (urn:li:person:<id> or urn:li:organization:<id>)");
  }
  const version = (env.LINKEDIN_VERSION ?? "").trim() || DEFAULT_LINKEDIN_VERSION;
  if (!/^\d{6}(\.\d{2})?$/.test(version)) problems.push("LINKEDIN_VERSION (YYYYMM, e.g. 202607)");
  const apiBaseUrl = ((env.LINKEDIN_API_BASE_URL ?? "").trim() || DEFAULT_LINKEDIN_API_BASE_URL).replace(
    /\/+$/,
    "",
  );
  if (!isHttpUrl(apiBaseUrl))
    problems.push("LINKEDIN_API_BASE_URL (an http(s) URL such as https://api.linkedin.com)");
  if (problems.length > 0) return { status: "incomplete", missing: problems };
  return {
    status: "configured",
    config: { accessToken: variables.config.LINKEDIN_ACCESS_TOKEN, authorUrn, apiBaseUrl, version },
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
