/**
 * @module Renders one outgoing message to RFC 5322 bytes with nodemailer's MailComposer. Every adapter
 * sends (or saves, or writes to the Outbox) these same bytes, so a dry run shows exactly what a real
 * send would have sent. File and URL access are off: content comes only from what is passed in.
 */
import type { EmailThreading, OutgoingEmail } from "./email-sender.js";
import type { LoadedAttachment } from "./vault-attachments.js";

export interface ComposedEmail {
  raw: Buffer;
  messageId: string;
  subject: string;
  /** Envelope recipients: To, Cc and Bcc. */
  recipients: string[];
}

/** A References header keeps the thread's root and this many most recent ids (RFC 5322 §3.6.4 allows trimming). */
const MAX_REFERENCES = 20;

export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return /^(re|aw|sv|antw)\s*:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

export function referencesFor(thread: EmailThreading): string[] {
  const all = [...new Set([...(thread.references ?? []), thread.inReplyTo].filter((id) => id.trim() !== ""))];
  if (all.length <= MAX_REFERENCES) return all;
  return [all[0] ?? "", ...all.slice(-(MAX_REFERENCES - 1))];
}

export function newMessageId(from: string, randomId: () => string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "ai-employee.invalid";
  return `<${randomId()}@${domain}>`;
}

export async function composeEmail(
  email: OutgoingEmail & { thread?: EmailThreading | undefined },
  options: {
    from: string;
    messageId: string;
    date: Date;
    attachments: LoadedAttachment[];
    /** Keep the Bcc header (drafts and the Outbox, so a person sees every recipient); sends drop it. */
    keepBcc: boolean;
  },
): Promise<ComposedEmail> {
  const subject = email.thread ? replySubject(email.subject) : email.subject.trim();
  // nodemailer is loaded with the first message composed, not at every start.
  const { default: MailComposer } = await import("nodemailer/lib/mail-composer/index.js");
  const composer = new MailComposer({
    from: options.from,
    to: email.to,
    cc: email.cc ?? [],
    bcc: email.bcc ?? [],
    subject,
    text: email.text,
    messageId: options.messageId,
    date: options.date,
    ...(email.thread ? { inReplyTo: email.thread.inReplyTo, references: referencesFor(email.thread) } : {}),
    attachments: options.attachments.map((attachment) => ({
      filename: attachment.filename,
      content: attachment.content,
      ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
    xMailer: false,
  });
  const node = composer.compile();
  node.keepBcc = options.keepBcc;
  const raw = await node.build();
  return {
    raw,
    messageId: options.messageId,
    subject,
    recipients: [...email.to, ...(email.cc ?? []), ...(email.bcc ?? [])],
  };
}
