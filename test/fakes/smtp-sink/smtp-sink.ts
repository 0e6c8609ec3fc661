/**
 * @module An SMTP sink for tests (smtp-server): accepts mail on a loopback port and keeps every message
 * it receives (envelope and raw bytes) instead of delivering it. It can require a login (535 on a wrong
 * password, as a real server answers) and refuse chosen recipients with 550.
 *
 * @example
 * const sink = createSmtpSink({ user: "me", password: "secret" });
 * const { port, close } = await sink.start();
 * // … send …
 * expect(sink.messages).toHaveLength(1);
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CapturedMessage {
  from: string;
  to: string[];
  raw: Buffer;
  /** The user that logged in, when one did. */
  user: string | undefined;
}

export interface SmtpSinkOptions {
  /** When set, a login is required and must match. */
  user?: string;
  password?: string;
  /** Recipients answered with 550 (mailbox unavailable). */
  rejectRecipients?: string[];
}

/** Bigger than any test message; a runaway client is cut off with 552 like a real server's size limit. */
const MAX_MESSAGE_BYTES = 30 * 1024 * 1024;

export function createSmtpSink(options: SmtpSinkOptions = {}) {
  const messages: CapturedMessage[] = [];
  const logins: { user: string; accepted: boolean }[] = [];
  const rejected = new Set((options.rejectRecipients ?? []).map((address) => address.toLowerCase()));
  const requireLogin = options.user !== undefined;

  const server = new SMTPServer({
    secure: false,
    disabledCommands: requireLogin ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !requireLogin,
    allowInsecureAuth: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onAuth(auth, _session, callback) {
      const accepted = auth.username === options.user && auth.password === options.password;
      logins.push({ user: auth.username ?? "", accepted });
      if (!accepted) {
        const error = Object.assign(new Error("5.7.8 Authentication credentials invalid"), {
          responseCode: 535,
        });
        callback(error);
        return;
      }
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase())) {
        callback(
          Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 }),
        );
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks),
          user: typeof session.user === "string" ? session.user : undefined,
        });
        callback();
      });
    },
  });

  return {
    messages,
    logins,
    async start(): Promise<{ url: string; host: string; port: number; close: () => Promise<void> }> {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
      });
      const port = (server.server.address() as AddressInfo).port;
      return {
        url: `smtp://127.0.0.1:${port}`,
        host: "127.0.0.1",
        port,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },
  };
}

export type SmtpSink = ReturnType<typeof createSmtpSink>;
