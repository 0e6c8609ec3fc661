/**
 * @module Sending over SMTP with nodemailer: the composed bytes go out as they are (`raw`) with an
 * envelope of To, Cc and Bcc; replies carry In-Reply-To and References. Drafts go to the IMAP Drafts
 * folder when the account has IMAP; without it, asking for a draft is a configuration error.
 */
import nodemailer from "nodemailer";
import { LogicError } from "../../governance/errors/logic-error.js";
import type { SmtpSettings } from "./email-account-config.js";
import type { EmailDelivery, EmailSender } from "./email-sender.js";
import type { DraftSaver } from "./imap-draft-saver.js";
import { createMessageRenderer, type MessageRendererDeps } from "./message-renderer.js";
import { smtpError } from "./smtp-error.js";

/** A dead server is noticed within this long instead of nodemailer's two minutes. */
const CONNECTION_TIMEOUT_MS = 20_000;
const GREETING_TIMEOUT_MS = 15_000;
/** A large attachment on a slow uplink still fits; a stalled server does not hold the executor forever. */
const SOCKET_TIMEOUT_MS = 120_000;

export function createSmtpEmailSender(
  deps: MessageRendererDeps & { smtp: SmtpSettings; drafts: DraftSaver | undefined },
): EmailSender {
  const render = createMessageRenderer(deps);
  const transport = nodemailer.createTransport({
    host: deps.smtp.host,
    port: deps.smtp.port,
    secure: deps.smtp.tls === "implicit",
    requireTLS: deps.smtp.tls === "starttls",
    ignoreTLS: deps.smtp.tls === "none",
    ...(deps.smtp.auth ? { auth: { user: deps.smtp.auth.user, pass: deps.smtp.auth.password } } : {}),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const envelopeFrom = /<([^>]+)>\s*$/.exec(deps.from)?.[1] ?? deps.from;

  async function deliver(email: Parameters<typeof render>[0]): Promise<EmailDelivery> {
    const composed = await render(email, { keepBcc: false });
    let info: { accepted: (string | { address: string })[]; rejected: (string | { address: string })[] };
    try {
      info = await transport.sendMail({
        envelope: { from: envelopeFrom, to: composed.recipients },
        raw: composed.raw,
      });
    } catch (error) {
      throw smtpError(error, deps.smtp);
    }
    const plain = (list: (string | { address: string })[]) =>
      list.map((entry) => (typeof entry === "string" ? entry : entry.address));
    const rejected = plain(info.rejected);
    return {
      messageId: composed.messageId,
      recipients: plain(info.accepted),
      ...(rejected.length > 0 ? { rejected } : {}),
      ...(email.thread?.threadId ? { threadId: email.thread.threadId } : {}),
      dryRun: false,
    };
  }

  return {
    send: (email) => deliver(email),
    reply: (email) => deliver(email),
    async draft(email) {
      if (!deps.drafts) {
        throw new LogicError(
          "Drafts are saved over IMAP, and this account has no IMAP settings; set IMAP_HOST, IMAP_USER and IMAP_PASSWORD",
        );
      }
      const composed = await render(email, { keepBcc: true });
      const saved = await deps.drafts(composed.raw);
      return {
        messageId: composed.messageId,
        recipients: composed.recipients,
        draftId: `${saved.mailbox}:${saved.uid ?? "?"}`,
        ...(email.thread?.threadId ? { threadId: email.thread.threadId } : {}),
        dryRun: false,
      };
    },
    async close() {
      transport.close();
    },
  };
}
