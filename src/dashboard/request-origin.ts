/**
 * @module Where a request came from. The Host check defends against DNS rebinding (a hostile site whose
 * name suddenly resolves to 127.0.0.1 would send its own name as Host); the Origin check refuses a form
 * posted from another site even if it somehow carried a valid CSRF token.
 */

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);
/** Addresses a server binds to, never names a browser sends. */
const WILDCARD_HOSTS = new Set(["0.0.0.0", "[::]"]);

/** `Example.com:8787` → `example.com`; `[::1]:8787` → `[::1]`; a bare IPv6 address is bracketed. */
export function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith("[")) return lower.slice(0, lower.indexOf("]") + 1);
  if (lower.split(":").length > 2) return `[${lower}]`;
  return lower.split(":")[0] ?? "";
}

/** Whether `host` (a Host header) names this machine's loopback or the host the page was configured on. */
export function isAllowedHost(host: string | undefined, configuredHost: string | undefined): boolean {
  if (!host) return false;
  const name = hostName(host);
  if (LOOPBACK_NAMES.has(name) || name.endsWith(".localhost")) return true;
  if (configuredHost === undefined) return false;
  const configured = hostName(configuredHost);
  return configured !== "" && !WILDCARD_HOSTS.has(configured) && name === configured;
}

/**
 * Whether the request's Origin (or, without one, its Referer) names the page's own host. Neither header
 * → true: some clients send neither, and the CSRF token still has to be right.
 */
export function isSameOrigin(
  headers: { origin: string | undefined; referer: string | undefined },
  ownHost: string,
): boolean {
  const claimed = headers.origin ?? headers.referer;
  if (claimed === undefined) return true;
  try {
    const url = new URL(claimed);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host === ownHost.toLowerCase();
  } catch {
    // "null" (a sandboxed frame, a privacy redirect) and anything unparsable are not this page.
    return false;
  }
}
