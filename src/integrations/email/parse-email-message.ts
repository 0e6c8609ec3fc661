/**
 * @module A raw RFC 822 message (untrusted) turned into an inbound item: addresses, threading headers,
 * the visible text, attachments saved under safe names within a size limit. A message that cannot be
 * parsed safely (broken MIME, a MIME bomb) is refused with a reason a person can act on; the caller
 * quarantines it. The drop-folder watcher uses this for a dropped `.eml` too.
 *
 * @example
 * const parsed = await parseEmailMessage(raw, { source: "imap:business", limits, now, saveAttachment });
 * if (parsed.status === "parsed") await sink.submit(parsed.item);
 */
import { createHash } from "node:crypto";
import type { AttachmentStream, HeaderValue, Headers, MailParser, MessageText } from "mailparser";
import type { InboundAttachment, InboundItem } from "../inbound-item.js";
import type { TaskType } from "../../vault/task-type.js";
import { safeFileName } from "../../vault/safe-name.js";
import { addressList, firstAddress } from "./address-list.js";
import type { EmailLimits } from "./email-limits.js";
import { visibleTextOfHtml } from "../../governance/hidden-html.js";
import { stripInvisibleUnicode } from "../../governance/invisible-unicode.js";
import { checkMimeStructure } from "./mime-structure-check.js";

export interface ParseEmailOptions {
  /** e.g. `imap:business`; also the folder attachments are saved under. */
  source: string;
  /** `email` for mail from a mailbox, `file_drop` for a dropped `.eml`. */
  type?: TaskType;
  domain?: "personal" | "business";
  limits: EmailLimits;
  now: () => Date;
  /** When the server received it (IMAP INTERNALDATE, Gmail internalDate); the Date header otherwise. */
  received?: Date;
  /** Saves an attachment and returns its vault-relative path; without it attachments are only listed. */
  saveAttachment?: (name: string, content: Uint8Array) => Promise<string>;
  /** Front matter fields the channel knows (gmail_id, uid…), merged into `fields`. */
  fields?: Record<string, unknown>;
  /** Overrides the thread (a Gmail thread id); by default the root Message-ID of the conversation. */
  thread?: string;
  /** Attachments known but not downloaded (a message over the download limit), listed as they are. */
  unsavedAttachments?: InboundAttachment[];
}

export type ParsedEmail = { status: "parsed"; item: InboundItem } | { status: "rejected"; reason: string };

interface CollectedAttachment {
  name: string;
  mediaType: string;
  size: number;
  content: Buffer | undefined;
  skipped?: string;
}

const MEGABYTE = 1024 * 1024;
/** A thread is rarely deeper than this; a header listing thousands of ids is hostile. */
const MAX_REFERENCES = 100;

export async function parseEmailMessage(raw: Uint8Array, options: ParseEmailOptions): Promise<ParsedEmail> {
  const { limits } = options;
  if (raw.byteLength > limits.maxMessageBytes) {
    return {
      status: "rejected",
      reason: `the message is ${humanSize(raw.byteLength)}, over the ${humanSize(limits.maxMessageBytes)} limit`,
    };
  }
  const structure = checkMimeStructure(raw, limits);
  if (!structure.ok) return { status: "rejected", reason: structure.reason };

  let parsed: Awaited<ReturnType<typeof runParser>>;
  try {
    parsed = await runParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), limits);
  } catch (error) {
    return { status: "rejected", reason: `the MIME structure is broken: ${(error as Error).message}` };
  }
  if (parsed.refused) return { status: "rejected", reason: parsed.refused };
  const { parser, headers, text } = parsed;

  if (!["from", "date", "subject", "message-id"].some((name) => headers.has(name))) {
    return {
      status: "rejected",
      reason: "this is not an email message: it has no From, Date, Subject or Message-ID header",
    };
  }

  const sender = firstAddress(parser.from);
  const subject = clean(parser.subject ?? "").slice(0, 500);
  const messageId = parser.messageId ? clean(parser.messageId) : undefined;
  const references = referenceList(parser.references);
  const inReplyTo = parser.inReplyTo ? clean(parser.inReplyTo) : undefined;
  const dateHeader = validDate(parser.date) && headers.has("date") ? parser.date : undefined;
  const received = options.received ?? dateHeader ?? options.now();

  const body = bodyText(text, limits.maxBodyCharacters);
  const attachments: InboundAttachment[] = [];
  for (const attachment of parsed.attachments) {
    if (attachment.content === undefined || !options.saveAttachment) {
      attachments.push({
        name: attachment.name,
        path: undefined,
        size: attachment.size,
        mediaType: attachment.mediaType,
        skipped: attachment.skipped ?? "not saved (read only)",
      });
      continue;
    }
    const path = await options.saveAttachment(attachment.name, attachment.content);
    attachments.push({ name: attachment.name, path, size: attachment.size, mediaType: attachment.mediaType });
  }

  attachments.push(...(options.unsavedAttachments ?? []));

  const thread = options.thread ?? references[0] ?? inReplyTo ?? messageId;
  const item: InboundItem = {
    type: options.type ?? "email",
    source: options.source,
    externalId: messageId ?? `sha256:${createHash("sha256").update(raw).digest("hex")}`,
    from: sender?.address ?? "",
    subject: subject === "" ? "(no subject)" : subject,
    received: received.toISOString(),
    body,
    fields: {
      to: addressList(parser.to),
      cc: addressList(parser.cc),
      date: dateHeader?.toISOString() ?? null,
      message_id: messageId ?? null,
      in_reply_to: inReplyTo ?? null,
      references,
      thread: thread ?? null,
      reply_to: addressList(parser.replyTo),
      ...options.fields,
    },
    attachments,
  };
  if (sender?.name) item.fromName = sender.name.slice(0, 200);
  if (options.domain) item.domain = options.domain;
  return { status: "parsed", item };
}

async function runParser(
  raw: Buffer,
  limits: EmailLimits,
): Promise<{
  parser: MailParser;
  headers: Headers;
  text: MessageText | undefined;
  attachments: CollectedAttachment[];
  refused: string | undefined;
}> {
  // mailparser is loaded with the first message, not at every start of the employee.
  const { MailParser: Parser } = await import("mailparser");
  const parser = new Parser({
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    checksumAlgo: false,
    maxChildNodes: limits.maxParts,
    maxHtmlLengthToParse: limits.maxDecodedBytes,
  });
  const attachments: CollectedAttachment[] = [];
  let text: MessageText | undefined;
  let decoded = 0;
  let refused: string | undefined;

  const readAttachment = async (attachment: AttachmentStream) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of attachment.content as AsyncIterable<Buffer>) {
      size += chunk.length;
      decoded += chunk.length;
      if (size <= limits.maxAttachmentBytes) chunks.push(chunk);
      if (decoded > limits.maxDecodedBytes && refused === undefined) {
        refused = `the decoded parts exceed ${humanSize(limits.maxDecodedBytes)} (a MIME bomb or a broken message)`;
      }
    }
    const name = safeFileName(clean(attachment.filename ?? "") || defaultName(attachment.contentType), 120);
    const tooLarge = size > limits.maxAttachmentBytes;
    attachments.push({
      name,
      mediaType: attachment.contentType,
      size,
      content: tooLarge || refused ? undefined : Buffer.concat(chunks),
      ...(tooLarge
        ? {
            skipped: `${humanSize(size)} is over the ${humanSize(limits.maxAttachmentBytes)} attachment limit (EMAIL_MAX_ATTACHMENT_MB)`,
          }
        : {}),
    });
  };

  const finished = new Promise<void>((resolve, reject) => {
    let pending = Promise.resolve();
    parser.on("data", (data: AttachmentStream | MessageText) => {
      if (data.type === "text") {
        text = data;
        return;
      }
      pending = pending
        .then(() => readAttachment(data))
        .catch(reject)
        .finally(() => data.release?.());
    });
    parser.on("error", reject);
    parser.on("end", () => void pending.then(resolve, reject));
  });
  parser.end(raw);
  await finished;
  return { parser, headers: parser.headers || new Map<string, HeaderValue>(), text, attachments, refused };
}

function bodyText(text: MessageText | undefined, maxCharacters: number): string {
  const visible = stripInvisibleUnicode(
    text?.html ? visibleTextOfHtml(text.html) : (text?.text ?? ""),
  ).trim();
  if (visible.length <= maxCharacters) return visible;
  return `${visible.slice(0, maxCharacters)}\n\n[… ${visible.length - maxCharacters} more characters not shown; open the message in the mail client]`;
}

function referenceList(references: string | string[] | undefined): string[] {
  const list =
    references === undefined ? [] : Array.isArray(references) ? references : references.split(/\s+/);
  return list
    .map((reference) => clean(reference))
    .filter((reference) => reference !== "")
    .slice(-MAX_REFERENCES);
}

function clean(value: string): string {
  return stripInvisibleUnicode(value).replace(/\s+/g, " ").trim();
}

function validDate(date: Date | undefined): date is Date {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

function defaultName(mediaType: string): string {
  const subtype = mediaType.split("/")[1]?.replace(/[^a-z0-9]/gi, "") ?? "";
  return subtype ? `attachment.${subtype.slice(0, 8)}` : "attachment";
}

/** A size for a person: `640 KB`, `2.5 MB`, `48 MB`. */
export function humanSize(bytes: number): string {
  if (bytes < MEGABYTE) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / MEGABYTE).toFixed(bytes < 10 * MEGABYTE ? 1 : 0)} MB`;
}
