/**
 * @module Reading mail over IMAP for the tools: SEARCH in INBOX or the Sent folder, a message read by
 * id, and the sent history's recipients. Each call opens its own short connection (tools are called
 * rarely; the watcher keeps the long-lived one). Ids are `<mailbox>:<uidvalidity>:<uid>`, so an id from
 * before the server renumbered the mailbox is refused rather than answered with another message.
 */
import type { ImapFlow, MessageAddressObject, SearchObject } from "imapflow";
import { DataError } from "../../governance/errors/data-error.js";
import type { ImapSettings } from "./email-account-config.js";
import type { EmailLimits } from "./email-limits.js";
import { contentFromItem, unreadableContent, type EmailReader, type EmailSummary } from "./email-reader.js";
import { closeImap, connectImap, createImapClient, imapError } from "./imap-client.js";
import { fetchOversizedMessage } from "./imap-oversized-message.js";
import { stripInvisibleUnicode } from "../../governance/invisible-unicode.js";
import { parseEmailMessage } from "./parse-email-message.js";

export interface ImapEmailReaderDeps {
  account: { name: string };
  imap: ImapSettings;
  limits: EmailLimits;
  now: () => Date;
}

/** A search answers with this many messages at most, newest first. */
export const MAX_SEARCH_RESULTS = 50;
/** The sent history is read this far back (most recent messages of the Sent folder). */
export const SENT_HISTORY_MESSAGES = 1000;
/** Known contacts are bounded: a list past this is a mailing, not contacts. */
const MAX_SENT_RECIPIENTS = 5000;

export function createImapEmailReader(deps: ImapEmailReaderDeps): EmailReader {
  async function withMailbox<T>(
    mailbox: "inbox" | "sent",
    doing: string,
    work: (client: ImapFlow, path: string) => Promise<T>,
  ) {
    const client = await createImapClient(deps.imap, { maxMessageBytes: deps.limits.maxMessageBytes });
    await connectImap(client, deps.imap);
    try {
      const path = mailbox === "inbox" ? "INBOX" : await sentFolder(client);
      if (path === undefined) return undefined;
      const lock = await client.getMailboxLock(path, { readOnly: true });
      try {
        return await work(client, path);
      } finally {
        lock.release();
      }
    } catch (error) {
      throw imapError(error, deps.imap, doing);
    } finally {
      await closeImap(client);
    }
  }

  return {
    async search(query) {
      const found = await withMailbox(query.folder ?? "inbox", "searching mail", async (client, path) => {
        const criteria: SearchObject = {};
        if (query.text) criteria.text = query.text;
        if (query.from) criteria.from = query.from;
        if (query.to) criteria.to = query.to;
        if (query.subject) criteria.subject = query.subject;
        if (query.since) criteria.since = query.since;
        if (query.before) criteria.before = query.before;
        if (query.unreadOnly) criteria.seen = false;
        if (Object.keys(criteria).length === 0) criteria.all = true;
        const uids = await client.search(criteria, { uid: true });
        if (!uids) throw new DataError("the IMAP server refused the search; simplify the query");
        const newest = uids.sort((a, b) => b - a).slice(0, Math.min(query.limit, MAX_SEARCH_RESULTS));
        if (newest.length === 0) return [];
        const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : "0";
        const messages = await client.fetchAll(
          newest,
          { uid: true, envelope: true, flags: true },
          { uid: true },
        );
        return messages
          .sort((a, b) => b.uid - a.uid)
          .map((message): EmailSummary => {
            const envelope = message.envelope;
            const sender = envelope?.from?.[0];
            const date = envelope?.date ? new Date(envelope.date) : undefined;
            return {
              id: `${path}:${uidValidity}:${message.uid}`,
              from: clean(sender?.address ?? ""),
              ...(sender?.name ? { fromName: clean(sender.name) } : {}),
              to: addresses(envelope?.to),
              subject: clean(envelope?.subject ?? ""),
              date: date && !Number.isNaN(date.getTime()) ? date.toISOString() : null,
              unread: !message.flags?.has("\\Seen"),
              ...(envelope?.messageId ? { messageId: clean(envelope.messageId) } : {}),
            };
          });
      });
      return found ?? [];
    },

    async read(id) {
      const match = /^(.+):(\d+):(\d+)$/.exec(id);
      if (!match)
        throw new DataError(
          `"${id}" is not an email id from search_email (expected <mailbox>:<uidvalidity>:<uid>)`,
        );
      const [, path = "INBOX", uidValidity, uidText] = match;
      const uid = Number(uidText);
      const folder = path === "INBOX" ? "inbox" : "sent";
      const content = await withMailbox(folder, "reading a message", async (client, opened) => {
        if (opened !== path) throw new DataError(`the id "${id}" is not from INBOX or the Sent folder`);
        if (!client.mailbox || String(client.mailbox.uidValidity) !== uidValidity) {
          throw new DataError(`the mailbox was renumbered since "${id}" was found; search again`);
        }
        const meta = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
        if (!meta) throw new DataError(`message "${id}" no longer exists`);
        const size = meta.size ?? 0;
        let raw: Buffer;
        let unsaved;
        if (size > deps.limits.maxMessageBytes) {
          const oversized = await fetchOversizedMessage(client, uid, size, deps.limits.maxMessageBytes);
          raw = oversized.raw;
          unsaved = oversized.attachments;
        } else {
          const full = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
          if (!full || !full.source) throw new DataError(`message "${id}" no longer exists`);
          raw = full.source;
        }
        const parsed = await parseEmailMessage(raw, {
          source: `imap:${deps.account.name}`,
          limits: deps.limits,
          now: deps.now,
          ...(unsaved ? { unsavedAttachments: unsaved } : {}),
        });
        return parsed.status === "parsed"
          ? contentFromItem(id, parsed.item)
          : unreadableContent(id, parsed.reason);
      });
      if (!content) throw new DataError("this account has no Sent folder");
      return content;
    },

    async sentRecipients() {
      const found = await withMailbox("sent", "reading the sent history", async (client) => {
        const exists = client.mailbox ? client.mailbox.exists : 0;
        if (exists === 0) return [];
        const first = Math.max(1, exists - SENT_HISTORY_MESSAGES + 1);
        const messages = await client.fetchAll(`${first}:*`, { envelope: true });
        const recipients = new Set<string>();
        for (const message of messages) {
          const envelope = message.envelope;
          for (const address of [
            ...addresses(envelope?.to),
            ...addresses(envelope?.cc),
            ...addresses(envelope?.bcc),
          ]) {
            if (recipients.size < MAX_SENT_RECIPIENTS) recipients.add(address.toLowerCase());
          }
        }
        return [...recipients].sort();
      });
      return found ?? [];
    },
  };
}

async function sentFolder(client: ImapFlow): Promise<string | undefined> {
  const folders = await client.list();
  return folders.find((folder) => folder.specialUse === "\\Sent")?.path;
}

function addresses(list: MessageAddressObject[] | undefined): string[] {
  return (list ?? []).map((entry) => clean(entry.address ?? "")).filter((address) => address.includes("@"));
}

function clean(text: string): string {
  return stripInvisibleUnicode(text).replace(/\s+/g, " ").trim();
}
