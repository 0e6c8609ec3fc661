/**
 * @module Reading mail with the Gmail API for the tools: a structured search turned into a Gmail query
 * (`from:`, `subject:`, `after:`…), a message read by its Gmail id, and the recipients of `in:sent`.
 */
import type { parseAddressHeader as parseAddressHeaderType } from "mailparser";
import type { EmailLimits } from "./email-limits.js";
import {
  contentFromItem,
  unreadableContent,
  type EmailReader,
  type EmailSearch,
  type EmailSummary,
} from "./email-reader.js";
import type { GmailClient } from "./gmail-client.js";
import { stripInvisibleUnicode } from "../../governance/invisible-unicode.js";
import { humanSize, parseEmailMessage } from "./parse-email-message.js";

export interface GmailEmailReaderDeps {
  account: { name: string };
  client: GmailClient;
  limits: EmailLimits;
  now: () => Date;
}

/** A search answers with this many messages at most (one metadata call each). */
export const GMAIL_MAX_SEARCH_RESULTS = 50;
/** Sent messages read for known contacts: one metadata call each, so bounded well below the daily quota. */
export const GMAIL_SENT_HISTORY_MESSAGES = 500;
/** messages.list returns at most 500 ids a page. */
const LIST_PAGE_SIZE = 500;

export function gmailSearchQuery(query: EmailSearch): string {
  const value = (text: string) => {
    const cleaned = text.replace(/["()]/g, " ").replace(/\s+/g, " ").trim();
    return /\s/.test(cleaned) ? `"${cleaned}"` : cleaned;
  };
  const day = (date: Date) => `${date.getUTCFullYear()}/${date.getUTCMonth() + 1}/${date.getUTCDate()}`;
  const terms = [query.folder === "sent" ? "in:sent" : "in:inbox"];
  if (query.from) terms.push(`from:${value(query.from)}`);
  if (query.to) terms.push(`to:${value(query.to)}`);
  if (query.subject) terms.push(`subject:${value(query.subject)}`);
  if (query.since) terms.push(`after:${day(query.since)}`);
  if (query.before) terms.push(`before:${day(query.before)}`);
  if (query.unreadOnly) terms.push("is:unread");
  if (query.text) terms.push(value(query.text));
  return terms.join(" ");
}

type AddressParser = typeof parseAddressHeaderType;

export function createGmailEmailReader(deps: GmailEmailReaderDeps): EmailReader {
  const header = (headers: { name: string; value: string }[] | undefined, name: string) =>
    headers?.find((entry) => entry.name.toLowerCase() === name.toLowerCase())?.value;
  const addresses = (parseAddressHeader: AddressParser, value: string | undefined) =>
    value
      ? parseAddressHeader(value, { flatten: true })
          .value.map((entry) => stripInvisibleUnicode(entry.address ?? "").trim())
          .filter((address) => address.includes("@"))
      : [];

  return {
    async search(query, signal) {
      const { parseAddressHeader } = await import("mailparser");
      const list = await deps.client.listMessages(
        { q: gmailSearchQuery(query), maxResults: Math.min(query.limit, GMAIL_MAX_SEARCH_RESULTS) },
        signal,
      );
      const summaries: EmailSummary[] = [];
      for (const { id } of list.messages) {
        const message = await deps.client.getMessageMetadata(
          id,
          ["From", "To", "Subject", "Date", "Message-ID"],
          signal,
        );
        const headers = message.payload?.headers;
        const sender = parseAddressHeader(header(headers, "From") ?? "").value[0];
        const date = new Date(Number(message.internalDate ?? Number.NaN));
        const messageId = header(headers, "Message-ID");
        summaries.push({
          id,
          from: stripInvisibleUnicode(sender?.address ?? ""),
          ...(sender?.name ? { fromName: stripInvisibleUnicode(sender.name) } : {}),
          to: addresses(parseAddressHeader, header(headers, "To")),
          subject: stripInvisibleUnicode(header(headers, "Subject") ?? ""),
          date: Number.isNaN(date.getTime()) ? null : date.toISOString(),
          unread: (message.labelIds ?? []).includes("UNREAD"),
          threadId: message.threadId,
          ...(messageId ? { messageId: stripInvisibleUnicode(messageId).trim() } : {}),
        });
      }
      return summaries;
    },

    async read(id, signal) {
      const fetched = await deps.client.getRawMessage(id, deps.limits.maxMessageBytes, signal);
      if (fetched.status === "tooLarge") {
        return unreadableContent(
          id,
          `the message is over the ${humanSize(deps.limits.maxMessageBytes)} download limit; open it in Gmail`,
        );
      }
      const parsed = await parseEmailMessage(fetched.raw, {
        source: `gmail:${deps.account.name}`,
        limits: deps.limits,
        now: deps.now,
        thread: fetched.message.threadId,
      });
      return parsed.status === "parsed"
        ? contentFromItem(id, parsed.item)
        : unreadableContent(id, parsed.reason);
    },

    async sentRecipients(signal) {
      const { parseAddressHeader } = await import("mailparser");
      const ids: string[] = [];
      let pageToken: string | undefined;
      while (ids.length < GMAIL_SENT_HISTORY_MESSAGES) {
        const page = await deps.client.listMessages(
          {
            q: "in:sent",
            maxResults: Math.min(LIST_PAGE_SIZE, GMAIL_SENT_HISTORY_MESSAGES - ids.length),
            ...(pageToken ? { pageToken } : {}),
          },
          signal,
        );
        ids.push(...page.messages.map((message) => message.id));
        pageToken = page.nextPageToken;
        if (!pageToken || page.messages.length === 0) break;
      }
      const recipients = new Set<string>();
      for (const id of ids) {
        const message = await deps.client.getMessageMetadata(id, ["To", "Cc", "Bcc"], signal);
        const headers = message.payload?.headers;
        for (const name of ["To", "Cc", "Bcc"]) {
          for (const address of addresses(parseAddressHeader, header(headers, name)))
            recipients.add(address.toLowerCase());
        }
      }
      return [...recipients].sort();
    },
  };
}
