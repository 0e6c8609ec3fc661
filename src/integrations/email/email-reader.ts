/**
 * @module The reading port behind the `search_email` and `read_email` tools, and the sent history that
 * tells known contacts from new ones. Adapters: IMAP and the Gmail API. Everything returned is
 * untrusted outside text.
 */
import type { InboundAttachment, InboundItem } from "../inbound-item.js";

export interface EmailSearch {
  /** Free text, matched against headers and body. */
  text?: string;
  from?: string;
  to?: string;
  subject?: string;
  since?: Date;
  before?: Date;
  unreadOnly?: boolean;
  folder?: "inbox" | "sent";
  limit: number;
}

export interface EmailSummary {
  /** Pass this to `read`. IMAP: `<mailbox>:<uidvalidity>:<uid>`; Gmail: the message id. */
  id: string;
  from: string;
  fromName?: string;
  to: string[];
  subject: string;
  /** ISO 8601, when the message says. */
  date: string | null;
  unread: boolean;
  messageId?: string;
  threadId?: string;
}

export interface EmailContent {
  id: string;
  from: string;
  fromName?: string;
  to: string[];
  cc: string[];
  replyTo: string[];
  subject: string;
  date: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Gmail's thread id, or the root Message-ID of the conversation. */
  thread: string | null;
  /** The visible text (HTML converted, hidden text and invisible characters removed). */
  body: string;
  attachments: Omit<InboundAttachment, "path">[];
  /** Why the message could not be read safely, when it could not; `body` is empty then. */
  unreadable?: string;
}

export interface EmailReader {
  search(query: EmailSearch, signal?: AbortSignal): Promise<EmailSummary[]>;
  read(id: string, signal?: AbortSignal): Promise<EmailContent>;
  /** Addresses this account has sent mail to (To, Cc, Bcc of recent sent mail), lowercased, bounded. */
  sentRecipients(signal?: AbortSignal): Promise<string[]>;
  close?(): Promise<void>;
}

/** The reader's view of a parsed message. */
export function contentFromItem(id: string, item: InboundItem): EmailContent {
  const fields = item.fields ?? {};
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return {
    id,
    from: item.from,
    ...(item.fromName ? { fromName: item.fromName } : {}),
    to: strings(fields.to),
    cc: strings(fields.cc),
    replyTo: strings(fields.reply_to),
    subject: item.subject,
    date: text(fields.date),
    messageId: text(fields.message_id),
    inReplyTo: text(fields.in_reply_to),
    references: strings(fields.references),
    thread: text(fields.thread),
    body: item.body,
    attachments: (item.attachments ?? []).map(({ name, size, mediaType }) => ({ name, size, mediaType })),
  };
}

export function unreadableContent(id: string, reason: string): EmailContent {
  return {
    id,
    from: "",
    to: [],
    cc: [],
    replyTo: [],
    subject: "",
    date: null,
    messageId: null,
    inReplyTo: null,
    references: [],
    thread: null,
    body: "",
    attachments: [],
    unreadable: reason,
  };
}
