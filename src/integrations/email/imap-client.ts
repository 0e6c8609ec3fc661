/**
 * @module One IMAP connection (imapflow) for an account, with the library's failures mapped to the
 * employee's typed errors. Passwords never appear in a message: the server's own text is redacted.
 */
import type { ImapFlow, ImapFlowError } from "imapflow";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import { EmployeeError } from "../../governance/errors/employee-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createRedactor } from "../../governance/redact.js";
import type { ImapSettings } from "./email-account-config.js";

/** A dead server is noticed within this long instead of imapflow's default 90 s. */
const CONNECTION_TIMEOUT_MS = 20_000;
/** After this long without traffic the socket is treated as dead; IDLE is renewed well before it. */
const SOCKET_TIMEOUT_MS = 5 * 60_000;
/** Servers drop IDLE after 30 minutes (RFC 9051); renewing it every few minutes also re-checks the link. */
const MAX_IDLE_TIME_MS = 4 * 60_000;
/** How soon IDLE starts once a pass ends: short, so new mail is pushed instead of waiting for the next poll. */
const AUTO_IDLE_DELAY_MS = 1_000;
/** A logout that hangs must not hold up a shutdown. */
const LOGOUT_TIMEOUT_MS = 3_000;
/** A hostile or broken server cannot make the client buffer more than a large message plus headroom. */
const LITERAL_HEADROOM_BYTES = 8 * 1024 * 1024;

export interface ImapClientOptions {
  /** Largest single literal accepted from the server (a message's source). */
  maxMessageBytes: number;
}

/** imapflow is loaded with the first IMAP connection, so an employee without IMAP never pays for it. */
export async function createImapClient(
  settings: ImapSettings,
  options: ImapClientOptions,
): Promise<ImapFlow> {
  const { ImapFlow: Client } = await import("imapflow");
  const client = new Client({
    host: settings.host,
    port: settings.port,
    secure: settings.tls === "implicit",
    doSTARTTLS: settings.tls === "starttls" ? true : settings.tls === "none" ? false : undefined,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    maxIdleTime: MAX_IDLE_TIME_MS,
    autoIdleDelay: AUTO_IDLE_DELAY_MS,
    maxLiteralSize: options.maxMessageBytes + LITERAL_HEADROOM_BYTES,
    maxResponseSize: 2 * (options.maxMessageBytes + LITERAL_HEADROOM_BYTES),
    clientInfo: { name: "personal-ai-employee" },
  });
  // An 'error' event without a listener would crash the process; failures surface through the calls.
  client.on("error", () => undefined);
  return client;
}

/** Connects, mapping a refused login or an unreachable server to AuthError / TransientError. */
export async function connectImap(client: ImapFlow, settings: ImapSettings): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    throw imapError(error, settings, "connecting");
  }
}

export function imapError(error: unknown, settings: ImapSettings, doing: string): EmployeeError {
  if (error instanceof EmployeeError) return error;
  const failure = error as ImapFlowError;
  const redactor = createRedactor([settings.password]);
  const detail = redactor.text(failure.responseText ?? failure.message ?? String(error));
  const where = `${settings.host}:${settings.port}`;
  if (failure.authenticationFailed || failure.serverResponseCode === "AUTHENTICATIONFAILED") {
    return new AuthError(
      `IMAP server ${where} refused the login for ${settings.user} (${detail}); check IMAP_USER and IMAP_PASSWORD (an app password where the provider requires one)`,
      { cause: error },
    );
  }
  if (failure.tlsFailed) {
    return new TransientError(
      `TLS with IMAP server ${where} failed (${detail}); check IMAP_TLS and IMAP_PORT`,
      { cause: error },
    );
  }
  if (failure.code === "ETHROTTLE") {
    return new TransientError(`IMAP server ${where} is throttling requests`, {
      cause: error,
      ...(failure.throttleReset ? { retryAfterMs: failure.throttleReset } : {}),
    });
  }
  if (failure.mailboxMissing || failure.code === "NotFound") {
    return new DataError(`IMAP mailbox not found on ${where} while ${doing} (${detail})`, { cause: error });
  }
  if (failure.responseStatus === "NO" || failure.responseStatus === "BAD") {
    return new DataError(
      `IMAP server ${where} refused ${failure.command ?? "a command"} while ${doing}: ${detail}`,
      { cause: error },
    );
  }
  return new TransientError(
    `IMAP server ${where} could not be reached while ${doing} (${detail}); check IMAP_HOST and IMAP_PORT`,
    {
      cause: error,
    },
  );
}

/** Logs out, and closes the socket when the server does not answer in time. */
export async function closeImap(client: ImapFlow): Promise<void> {
  if (client.isClosed) return;
  await Promise.race([
    client.logout().catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, LOGOUT_TIMEOUT_MS).unref()),
  ]);
  client.close();
}
