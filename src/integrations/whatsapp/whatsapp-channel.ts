/**
 * @module The port every WhatsApp channel implements: the Cloud API adapter today, a WhatsApp Web
 * channel (a personal number) later, and the dry-run Outbox adapter. Tools talk only to this.
 */

export interface WhatsAppDocument {
  /** The name the recipient sees. */
  fileName: string;
  mediaType: string;
  /** Uploaded bytes (sent as a media id) or a public HTTPS link WhatsApp fetches itself. */
  source: { kind: "upload"; content: Uint8Array } | { kind: "link"; url: string };
  /** Where the file lives in the vault, for the record. */
  vaultPath?: string;
}

export interface OutgoingText {
  /** The recipient's number, digits only with the country code (a wa_id). */
  to: string;
  text: string;
}

export interface OutgoingDocument {
  to: string;
  document: WhatsAppDocument;
  /** Shown under the document; at most 1024 characters. */
  caption?: string;
}

export interface SentWhatsAppMessage {
  recipient: string;
  /** The wamid WhatsApp gave the message; undefined when nothing left the machine. */
  messageId: string | undefined;
  dryRun: boolean;
  /** The vault-relative file the dry run rendered. */
  outboxPath?: string;
}

/** A conversation seen recently, newest first in listings. */
export interface WhatsAppChat {
  /** The sender's wa_id, or the group id for a group. */
  chat: string;
  kind: "individual" | "group";
  /** The contact's WhatsApp profile name: set by them, untrusted. */
  name?: string;
  lastMessageAt: string;
  lastMessageId: string;
  messageCount: number;
}

export interface WhatsAppChannel {
  /** e.g. `cloud-api`, `outbox`. */
  readonly name: string;
  sendText(message: OutgoingText, signal?: AbortSignal): Promise<SentWhatsAppMessage>;
  sendDocument(message: OutgoingDocument, signal?: AbortSignal): Promise<SentWhatsAppMessage>;
  listRecentChats(limit: number): Promise<WhatsAppChat[]>;
}
