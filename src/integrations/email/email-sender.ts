/**
 * @module The sending port of the email integration. One adapter per way out: SMTP (with IMAP drafts),
 * the Gmail API, and the Outbox (dry run: the exact `.eml` rendered into the vault, nothing sent). The
 * runtime picks one adapter per account; the tools never branch on dry run.
 */

/** A file to attach: a vault-relative path (e.g. an invoice PDF under `Accounting/Invoices/`) or bytes. */
export type OutgoingAttachment =
  { path: string } | { filename: string; content: Uint8Array; contentType?: string };

export interface OutgoingEmail {
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  /** Plain text body. */
  text: string;
  attachments?: OutgoingAttachment[];
}

/** What makes a message part of an existing conversation. */
export interface EmailThreading {
  /** The Message-ID being answered, with angle brackets. */
  inReplyTo: string;
  /** The References of the message being answered (oldest first); the answered id is appended. */
  references?: string[];
  /** The provider's thread id (Gmail), when known. */
  threadId?: string;
}

export interface EmailDelivery {
  /** The Message-ID of what was sent, drafted or rendered. */
  messageId: string;
  threadId?: string;
  /** Recipients the server accepted; every recipient for an API or a dry run. */
  recipients: string[];
  /** Recipients the server refused (SMTP), if any. */
  rejected?: string[];
  draftId?: string;
  /** True when nothing left the machine: the message was rendered to the Outbox. */
  dryRun: boolean;
  /** Vault-relative path of the rendered `.eml` in a dry run. */
  outboxPath?: string;
}

export interface EmailSender {
  send(email: OutgoingEmail, signal?: AbortSignal): Promise<EmailDelivery>;
  /** Sends within a conversation: `Re:` subject, In-Reply-To, References, and the same thread id. */
  reply(email: OutgoingEmail & { thread: EmailThreading }, signal?: AbortSignal): Promise<EmailDelivery>;
  /** Saves a draft for a person to review and send (IMAP Drafts with \Draft, or Gmail drafts). */
  draft(email: OutgoingEmail & { thread?: EmailThreading }, signal?: AbortSignal): Promise<EmailDelivery>;
  close?(): Promise<void>;
}
