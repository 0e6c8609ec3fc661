/**
 * @module Email accounts from the environment.
 *
 * The first account uses the plain names; a second account (the seed's other mailbox, e.g. personal
 * next to business) uses the same names with the suffix `_2` (`IMAP_HOST_2`, `GMAIL_REFRESH_TOKEN_2`,
 * `EMAIL_DOMAIN_2`…). Per account:
 *
 * - IMAP (watching, reading, drafts): `IMAP_HOST`, `IMAP_USER`, `IMAP_PASSWORD` required; `IMAP_PORT`
 *   (default 993 with TLS, 143 without), `IMAP_TLS` (`true` = implicit TLS, `starttls` = required
 *   STARTTLS, `false` = plaintext, only sensible on loopback; default `true` on 993 or when both are
 *   unset, `starttls` on any other port).
 * - SMTP (sending): `SMTP_HOST` required; `SMTP_PORT` (default 465 with TLS, 587 otherwise), `SMTP_TLS`
 *   (same values; default `true` on 465 or when both are unset, as RFC 8314 advises, `starttls` on any other
 *   port), `SMTP_USER` and `SMTP_PASSWORD` (default
 *   to the IMAP credentials; no login when neither is set, e.g. a local relay).
 * - Gmail API (instead of IMAP/SMTP): `GMAIL_CLIENT_ID`, `GMAIL_CLIENT_SECRET`, `GMAIL_REFRESH_TOKEN`
 *   required; `GMAIL_API_BASE_URL` (default https://gmail.googleapis.com), `GMAIL_OAUTH_URL` (default
 *   https://oauth2.googleapis.com/token), `GMAIL_QUERY` (default `is:unread is:important`). When both
 *   Gmail and IMAP are set, Gmail is used for the account.
 * - `EMAIL_DOMAIN` (`personal` | `business`, default `business`), `EMAIL_ADDRESS` (the From address;
 *   defaults to IMAP_USER when that is an address).
 * - Tuning, per account with a fallback to the unsuffixed name: `EMAIL_INITIAL_SYNC_DAYS` (7),
 *   `EMAIL_POLL_SECONDS` (120), `EMAIL_MAX_ATTACHMENT_MB` (25).
 */
import { readVariables, type Environment, type IntegrationConfig } from "../integration-config.js";

export type TlsMode = "implicit" | "starttls" | "none";

export interface ImapSettings {
  host: string;
  port: number;
  tls: TlsMode;
  user: string;
  password: string;
}

export interface SmtpSettings {
  host: string;
  port: number;
  tls: TlsMode;
  /** Undefined when the server takes mail without a login (a local relay). */
  auth: { user: string; password: string } | undefined;
}

export interface GmailSettings {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  apiBaseUrl: string;
  oauthUrl: string;
  query: string;
}

export interface EmailAccount {
  /** `business`, `personal`, or `business-2` when two accounts share a domain. */
  name: string;
  domain: "personal" | "business";
  /** The From address; undefined when it is not configured and cannot be inferred. */
  address: string | undefined;
  imap: ImapSettings | undefined;
  smtp: SmtpSettings | undefined;
  gmail: GmailSettings | undefined;
  initialSyncDays: number;
  pollSeconds: number;
  maxAttachmentBytes: number;
}

/** The account slots: the plain names, then `_2`. */
export const ACCOUNT_SUFFIXES = ["", "_2"] as const;

const DEFAULT_GMAIL_API_BASE_URL = "https://gmail.googleapis.com";
const DEFAULT_GMAIL_OAUTH_URL = "https://oauth2.googleapis.com/token";
const DEFAULT_GMAIL_QUERY = "is:unread is:important";
const DEFAULT_INITIAL_SYNC_DAYS = 7;
const DEFAULT_POLL_SECONDS = 120;
const DEFAULT_MAX_ATTACHMENT_MB = 25;
const MEGABYTE = 1024 * 1024;
/** The attachment limit of the Outbox-only account used when no email is configured. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = DEFAULT_MAX_ATTACHMENT_MB * MEGABYTE;

/** One entry per account slot that has any variable set, in slot order. */
export function readEmailAccounts(env: Environment): IntegrationConfig<EmailAccount>[] {
  const results: IntegrationConfig<EmailAccount>[] = [];
  const taken = new Set<string>();
  for (const suffix of ACCOUNT_SUFFIXES) {
    const result = readAccount(env, suffix);
    if (result.status === "absent") continue;
    if (result.status === "configured") {
      const base = result.config.domain;
      result.config.name = taken.has(base) ? `${base}-${results.length + 1}` : base;
      taken.add(result.config.name);
    }
    results.push(result);
  }
  return results;
}

function readAccount(env: Environment, suffix: string): IntegrationConfig<EmailAccount> {
  const name = (variable: string) => `${variable}${suffix}`;
  const value = (variable: string) => {
    const found = (env[name(variable)] ?? "").trim();
    return found === "" ? undefined : found;
  };
  const imap = readVariables(
    env,
    [name("IMAP_HOST"), name("IMAP_USER"), name("IMAP_PASSWORD")],
    [name("IMAP_PORT"), name("IMAP_TLS")],
  );
  const smtp = readVariables(
    env,
    [name("SMTP_HOST")],
    [name("SMTP_PORT"), name("SMTP_TLS"), name("SMTP_USER"), name("SMTP_PASSWORD")],
  );
  const gmail = readVariables(
    env,
    [name("GMAIL_CLIENT_ID"), name("GMAIL_CLIENT_SECRET"), name("GMAIL_REFRESH_TOKEN")],
    [name("GMAIL_API_BASE_URL"), name("GMAIL_OAUTH_URL"), name("GMAIL_QUERY")],
  );
  const groups = [imap, smtp, gmail];
  if (groups.every((group) => group.status === "absent")) return { status: "absent" };

  const problems = groups.flatMap((group) => (group.status === "incomplete" ? group.missing : []));
  const tuning = (variable: string) => value(variable) ?? (env[variable] ?? "").trim();

  const domainText = value("EMAIL_DOMAIN") ?? "business";
  if (domainText !== "personal" && domainText !== "business") {
    problems.push(`${name("EMAIL_DOMAIN")} (personal or business)`);
  }
  const imapTls = parseTls(value("IMAP_TLS"), value("IMAP_PORT"), 993);
  const smtpTls = parseTls(value("SMTP_TLS"), value("SMTP_PORT"), 465);
  if (imapTls === undefined) problems.push(`${name("IMAP_TLS")} (true, starttls or false)`);
  if (smtpTls === undefined) problems.push(`${name("SMTP_TLS")} (true, starttls or false)`);
  const imapPort = parsePort(value("IMAP_PORT"), imapTls === "implicit" ? 993 : 143);
  const smtpPort = parsePort(value("SMTP_PORT"), smtpTls === "implicit" ? 465 : 587);
  if (imapPort === undefined) problems.push(`${name("IMAP_PORT")} (a port number)`);
  if (smtpPort === undefined) problems.push(`${name("SMTP_PORT")} (a port number)`);
  const initialSyncDays = parsePositive(tuning("EMAIL_INITIAL_SYNC_DAYS"), DEFAULT_INITIAL_SYNC_DAYS);
  const pollSeconds = parsePositive(tuning("EMAIL_POLL_SECONDS"), DEFAULT_POLL_SECONDS);
  const maxAttachmentMb = parsePositive(tuning("EMAIL_MAX_ATTACHMENT_MB"), DEFAULT_MAX_ATTACHMENT_MB);
  if (initialSyncDays === undefined) problems.push("EMAIL_INITIAL_SYNC_DAYS (a positive number)");
  if (pollSeconds === undefined) problems.push("EMAIL_POLL_SECONDS (a positive number)");
  if (maxAttachmentMb === undefined) problems.push("EMAIL_MAX_ATTACHMENT_MB (a positive number)");
  if (
    smtp.status === "configured" &&
    gmail.status === "absent" &&
    !value("EMAIL_ADDRESS") &&
    !value("IMAP_USER")?.includes("@")
  ) {
    problems.push(`${name("EMAIL_ADDRESS")} (the From address for SMTP)`);
  }
  if (problems.length > 0) return { status: "incomplete", missing: problems };

  const imapUser = value("IMAP_USER");
  const imapPassword = value("IMAP_PASSWORD");
  const smtpUser = value("SMTP_USER") ?? imapUser;
  const smtpPassword = value("SMTP_PASSWORD") ?? imapPassword;
  const account: EmailAccount = {
    name: domainText,
    domain: domainText as EmailAccount["domain"],
    address: value("EMAIL_ADDRESS") ?? (imapUser?.includes("@") ? imapUser : undefined),
    imap:
      imap.status === "configured"
        ? {
            host: value("IMAP_HOST") ?? "",
            port: imapPort ?? 993,
            tls: imapTls ?? "implicit",
            user: imapUser ?? "",
            password: imapPassword ?? "",
          }
        : undefined,
    smtp:
      smtp.status === "configured"
        ? {
            host: value("SMTP_HOST") ?? "",
            port: smtpPort ?? 587,
            tls: smtpTls ?? "starttls",
            auth: smtpUser && smtpPassword ? { user: smtpUser, password: smtpPassword } : undefined,
          }
        : undefined,
    gmail:
      gmail.status === "configured"
        ? {
            clientId: value("GMAIL_CLIENT_ID") ?? "",
            clientSecret: value("GMAIL_CLIENT_SECRET") ?? "",
            refreshToken: value("GMAIL_REFRESH_TOKEN") ?? "",
            apiBaseUrl: (value("GMAIL_API_BASE_URL") ?? DEFAULT_GMAIL_API_BASE_URL).replace(/\/+$/, ""),
            oauthUrl: value("GMAIL_OAUTH_URL") ?? DEFAULT_GMAIL_OAUTH_URL,
            query: value("GMAIL_QUERY") ?? DEFAULT_GMAIL_QUERY,
          }
        : undefined,
    initialSyncDays: initialSyncDays ?? DEFAULT_INITIAL_SYNC_DAYS,
    pollSeconds: pollSeconds ?? DEFAULT_POLL_SECONDS,
    maxAttachmentBytes: Math.round((maxAttachmentMb ?? DEFAULT_MAX_ATTACHMENT_MB) * MEGABYTE),
  };
  return { status: "configured", config: account };
}

function parseTls(
  text: string | undefined,
  port: string | undefined,
  implicitPort: number,
): TlsMode | undefined {
  if (text === undefined)
    return port === undefined || Number(port) === implicitPort ? "implicit" : "starttls";
  const lowered = text.toLowerCase();
  if (["true", "yes", "1", "ssl", "tls"].includes(lowered)) return "implicit";
  if (lowered === "starttls") return "starttls";
  if (["false", "no", "0", "none"].includes(lowered)) return "none";
  return undefined;
}

function parsePort(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  const port = Number(text);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

function parsePositive(text: string, fallback: number): number | undefined {
  if (text === "") return fallback;
  const number = Number(text);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}
