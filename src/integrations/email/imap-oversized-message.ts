/**
 * @module A message over the download limit (a 50 MB attachment) is not fetched whole. Its headers and
 * its text part are, and its attachments are listed with their sizes, so the task says what arrived and
 * a person opens the rest in their mail client: noted, not lost.
 */
import type { ImapFlow, MessageStructureObject } from "imapflow";
import type { InboundAttachment } from "../inbound-item.js";
import { safeFileName } from "../../vault/safe-name.js";
import { humanSize } from "./parse-email-message.js";

/** The text part of a huge message is read up to this much; the note quotes a bounded body anyway. */
const MAX_TEXT_PART_BYTES = 1024 * 1024;
/** The structure of a message is walked this deep at most (the MIME limit of a whole message). */
const MAX_STRUCTURE_DEPTH = 16;
/** A message lists this many attachments at most in its note. */
const MAX_LISTED_ATTACHMENTS = 100;
/** Headers that describe the original body, replaced by those of the text stand-in. */
const BODY_HEADERS = /^(content-type|content-transfer-encoding|mime-version)\s*:/i;

export interface OversizedMessage {
  /** Headers of the original with only its text part as body: parses like any message. */
  raw: Buffer;
  attachments: InboundAttachment[];
}

export async function fetchOversizedMessage(
  client: ImapFlow,
  uid: number,
  size: number,
  limit: number,
): Promise<OversizedMessage> {
  const meta = await client.fetchOne(
    String(uid),
    { uid: true, headers: true, bodyStructure: true },
    { uid: true },
  );
  if (!meta) throw new Error(`message ${uid} disappeared while it was being read`);
  const parts: MessageStructureObject[] = [];
  const walk = (node: MessageStructureObject | undefined, depth: number) => {
    if (!node || depth > MAX_STRUCTURE_DEPTH) return;
    if (node.childNodes?.length) for (const child of node.childNodes) walk(child, depth + 1);
    else parts.push(node);
  };
  walk(meta.bodyStructure, 0);

  const isAttachment = (node: MessageStructureObject) =>
    node.disposition === "attachment" ||
    Boolean(node.dispositionParameters?.filename ?? node.parameters?.name);
  const textPart =
    parts.find((node) => node.type === "text/plain" && !isAttachment(node)) ??
    parts.find((node) => node.type === "text/html" && !isAttachment(node));

  let text = "";
  if (textPart) {
    const download = await client.download(String(uid), textPart.part ?? "1", {
      uid: true,
      maxBytes: MAX_TEXT_PART_BYTES,
    });
    if (download.content) {
      const chunks: Buffer[] = [];
      for await (const chunk of download.content as AsyncIterable<Buffer>) chunks.push(chunk);
      text = Buffer.concat(chunks).toString("utf8");
    }
  }
  const reason = `not downloaded: the message is ${humanSize(size)}, over the ${humanSize(limit)} download limit; open it in your mail client`;
  const attachments = parts
    .filter((node) => node !== textPart)
    .slice(0, MAX_LISTED_ATTACHMENTS)
    .map((node) => ({
      name: safeFileName(
        node.dispositionParameters?.filename ?? node.parameters?.name ?? `part-${node.part ?? "1"}`,
        120,
      ),
      path: undefined,
      // The server reports the encoded size; base64 carries three bytes in four characters.
      size:
        node.encoding?.toLowerCase() === "base64" ? Math.floor(((node.size ?? 0) * 3) / 4) : (node.size ?? 0),
      mediaType: node.type,
      skipped: reason,
    }));

  const headerLines = (meta.headers ?? Buffer.alloc(0)).toString("utf8").split(/\r?\n(?![ \t])/);
  const kept = headerLines.filter((line) => line.trim() !== "" && !BODY_HEADERS.test(line));
  const mediaType = textPart?.type === "text/html" ? "text/html" : "text/plain";
  const stand = [
    ...kept,
    "MIME-Version: 1.0",
    `Content-Type: ${mediaType}; charset=utf-8`,
    "Content-Transfer-Encoding: 8bit",
    "",
    text === "" ? `(The text of this message was not downloaded: it is ${humanSize(size)}.)` : text,
  ].join("\r\n");
  return { raw: Buffer.from(stand, "utf8"), attachments };
}
