/**
 * @module What a watcher hands to the core: one thing that arrived from outside, not yet a task.
 * The core decides priority, domain and known/new contact from the Handbook, deduplicates by
 * `source` + `externalId`, and writes the task note.
 */
import type { TaskType } from "../vault/task-type.js";

export interface InboundAttachment {
  /** A safe file name, as saved. */
  name: string;
  /** Path of the saved file relative to the vault root, or undefined when it was not saved. */
  path: string | undefined;
  size: number;
  mediaType: string;
  /** Why the attachment was not saved (too large, unsafe), when it was not. */
  skipped?: string;
}

export interface InboundItem {
  type: TaskType;
  /** Where it came from, e.g. `imap:business`, `gmail:personal`, `whatsapp`, `x`, `odoo`. */
  source: string;
  /** The id the outside system gives it (Message-ID, wamid, tweet id): the deduplication key. */
  externalId: string;
  /** Sender: an email address, a phone number, an @handle. */
  from: string;
  /** Display name of the sender when the channel gives one. */
  fromName?: string;
  subject: string;
  /** ISO 8601. */
  received: string;
  /** The outside content as text, verbatim apart from HTML-to-text and invisible-character stripping. Untrusted. */
  body: string;
  /** Personal or business, when the channel knows (an account's domain); otherwise the core decides. */
  domain?: "personal" | "business";
  /** Type-specific front matter fields (to, cc, message_id, thread, chat, ...), snake_case keys. */
  fields?: Record<string, unknown>;
  attachments?: InboundAttachment[];
}

export interface QuarantinedItem {
  source: string;
  /** Why it could not become a task, said so a person can act on it. */
  reason: string;
  /** A short name for the file kept in `Quarantine/`. */
  name: string;
  /** The raw content, kept so nothing is lost. */
  content: string | Uint8Array;
}

/** The core's side of a watcher: where arrivals go. */
export interface TaskSink {
  /** Files the item as a task unless `source`+`externalId` was filed before. */
  submit(item: InboundItem): Promise<{ created: boolean; id: string }>;
  quarantine(item: QuarantinedItem): Promise<void>;
  /**
   * Saves an attachment's bytes into the vault (`Attachments/<source>/...`) under a safe name and returns
   * its vault-relative path.
   */
  saveAttachment(source: string, name: string, content: Uint8Array): Promise<string>;
}
