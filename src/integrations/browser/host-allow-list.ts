/**
 * @module Which hosts the browser may reach: the Handbook's "Payment Portals" list. An entry is an exact
 * host (`pay.example.com`), a host with a port (`127.0.0.1:8080`, that port only) or a wildcard
 * (`*.example.com`: its subdomains at any depth, not `example.com` itself, so a person allows the apex
 * separately and on purpose). Only http and https are ever opened.
 */
import { LogicError } from "../../governance/errors/logic-error.js";

export interface HostAllowList {
  /** `host` is a URL's hostname (IPv6 in brackets) and `port` its effective port. */
  allows(host: string, port: number): boolean;
}

interface HostRule {
  host: string;
  wildcard: boolean;
  port: number | undefined;
}

const DEFAULT_PORT: Readonly<Record<string, number>> = { "http:": 80, "https:": 443, "ws:": 80, "wss:": 443 };

function parseRule(entry: string): HostRule | undefined {
  let text = entry.trim().toLowerCase().replace(/`/g, "");
  // People paste whole URLs into the Handbook; the host is what they meant.
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(text)) {
    try {
      const url = new URL(text);
      text = url.port === "" ? url.hostname : `${url.hostname}:${url.port}`;
    } catch {
      return undefined;
    }
  }
  const wildcard = text.startsWith("*.");
  if (wildcard) text = text.slice(2);
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+?)\.?(?::(\d{1,5}))?$/.exec(text);
  if (!match?.[1]) return undefined;
  return { host: match[1], wildcard, port: match[2] === undefined ? undefined : Number(match[2]) };
}

export function createHostAllowList(entries: readonly string[]): HostAllowList {
  const rules = entries.map(parseRule).filter((rule): rule is HostRule => rule !== undefined);
  return {
    allows(host, port) {
      const wanted = host.toLowerCase().replace(/\.$/, "");
      return rules.some((rule) => {
        if (rule.port !== undefined && rule.port !== port) return false;
        return rule.wildcard ? wanted.endsWith(`.${rule.host}`) : wanted === rule.host;
      });
    },
  };
}

/** The effective port of a parsed URL (the scheme's default when the URL names none). */
export function portOf(url: URL): number {
  return url.port === "" ? (DEFAULT_PORT[url.protocol] ?? 0) : Number(url.port);
}

/** The error every refusal uses, so a person always reads the same fix. */
export function hostRefusedError(host: string): LogicError {
  return new LogicError(
    `The browser may not open ${host}: it is not on the Handbook's payment-portal allow-list. ` +
      `If you trust it, add "${host}" to the "Payment Portals" list in Company_Handbook.md and try again.`,
  );
}

/**
 * Parses a URL a tool was asked to open and checks it: http or https only, and an allowed host.
 * Returns the parsed URL.
 */
export function checkUrl(rawUrl: string, allowList: HostAllowList): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch (error) {
    throw new LogicError(
      `"${rawUrl}" is not a valid URL: give a full address such as https://pay.example.com/`,
      {
        cause: error,
      },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new LogicError(`The browser opens only http and https addresses, not ${url.protocol}`);
  }
  if (url.username !== "" || url.password !== "") {
    // Credentials in a URL would end up in approvals and logs.
    throw new LogicError(
      "The URL carries a user name or password: remove them and sign in through the page instead",
    );
  }
  if (!allowList.allows(url.hostname, portOf(url))) throw hostRefusedError(url.hostname);
  return url;
}
