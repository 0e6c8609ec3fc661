/**
 * @module One WhatsApp message as the core sees it: its text (verbatim, untrusted — the core quotes it),
 * the media to fetch, and the `InboundItem` fields. Reactions, stickers and system notices (a number
 * change) are not work for anyone and become no task.
 */
import { createHash } from "node:crypto";
import type { InboundAttachment, InboundItem } from "../inbound-item.js";
import type { MessagesValue, WebhookContact, WebhookMessage } from "./webhook-payload.js";
import { webhookTime } from "./webhook-payload.js";

export const WHATSAPP_SOURCE = "whatsapp";

const MEDIA_KINDS = ["document", "image", "audio", "video"] as const;
type MediaKind = (typeof MEDIA_KINDS)[number];
/** Message types that carry nothing a person must act on. */
const NOT_WORK: ReadonlySet<string> = new Set(["reaction", "sticker", "system", "request_welcome"]);
const MAX_SUBJECT_CHARS = 80;

export interface MediaReference {
  kind: MediaKind;
  mediaId: string;
  mimeType: string;
  /** A file name to save under: the sender's for documents, made up otherwise. */
  fileName: string;
  sha256: string | undefined;
}

export interface MessageContent {
  text: string;
  media: MediaReference | undefined;
}

/** The message's text and media, or undefined when the message is no work for anyone. */
export function describeMessage(message: WebhookMessage): MessageContent | undefined {
  if (NOT_WORK.has(message.type)) return undefined;
  const kind = MEDIA_KINDS.find((candidate) => candidate === message.type);
  if (kind) {
    const media = message[kind];
    if (!media) return { text: `(a ${kind} that arrived without its media id)`, media: undefined };
    const mimeType = media.mime_type?.split(";")[0]?.trim() || "application/octet-stream";
    const fileName =
      media.filename?.trim() || `whatsapp-${kind}-${shortId(message.id)}.${extensionFor(mimeType)}`;
    return {
      text: media.caption ?? "",
      media: { kind, mediaId: media.id, mimeType, fileName, sha256: media.sha256 },
    };
  }
  return { text: textOf(message), media: undefined };
}

function textOf(message: WebhookMessage): string {
  switch (message.type) {
    case "text":
      return message.text?.body ?? "";
    case "button":
      return message.button?.text ?? message.button?.payload ?? "";
    case "interactive": {
      const reply = message.interactive;
      if (reply?.button_reply) return reply.button_reply.title;
      if (reply?.list_reply)
        return [reply.list_reply.title, reply.list_reply.description].filter(Boolean).join("\n");
      return reply?.nfm_reply?.body ?? `(an interactive reply of type ${reply?.type ?? "unknown"})`;
    }
    case "location": {
      const place = message.location;
      if (!place) return "(a location without coordinates)";
      const label = [place.name, place.address].filter(Boolean).join(", ");
      return `Location: ${label ? `${label} ` : ""}(${place.latitude}, ${place.longitude})`;
    }
    case "contacts":
      return `Shared contact(s):\n${(message.contacts ?? [])
        .map((card) => {
          const phones = (card.phones ?? []).map((phone) => phone.phone).filter(Boolean);
          return `- ${card.name?.formatted_name ?? "(no name)"}${phones.length ? `: ${phones.join(", ")}` : ""}`;
        })
        .join("\n")}`;
    default: {
      const why = message.errors?.[0]?.title ?? message.errors?.[0]?.message;
      return `(a WhatsApp message of type "${message.type}" that the Cloud API does not deliver${why ? `: ${why}` : ""}; open WhatsApp to see it)`;
    }
  }
}

/** The sender's id: the phone number (wa_id) when WhatsApp shares it, otherwise the business-scoped user id. */
export function senderOf(message: WebhookMessage, contacts: readonly WebhookContact[]): string | undefined {
  const contact = contactOf(message, contacts);
  return contact?.wa_id ?? message.from ?? contact?.user_id ?? message.from_user_id;
}

export function contactOf(
  message: WebhookMessage,
  contacts: readonly WebhookContact[],
): WebhookContact | undefined {
  const matched = contacts.find(
    (contact) =>
      (message.from !== undefined && contact.wa_id === message.from) ||
      (message.from_user_id !== undefined && contact.user_id === message.from_user_id),
  );
  return matched ?? (contacts.length === 1 ? contacts[0] : undefined);
}

export interface InboundMessageParts {
  message: WebhookMessage;
  value: MessagesValue;
  from: string;
  content: MessageContent;
  attachments: InboundAttachment[];
  now: Date;
}

export function toInboundItem(parts: InboundMessageParts): InboundItem {
  const { message, value, from, content } = parts;
  const contact = contactOf(message, value.contacts ?? []);
  const name = contact?.profile?.name?.trim() || undefined;
  const chat = message.group_id ?? from;
  const fields: Record<string, unknown> = {
    chat,
    message_type: message.type,
    wamid: message.id,
  };
  if (message.group_id) fields.group_id = message.group_id;
  if (message.context?.id) fields.reply_to = message.context.id;
  if (value.metadata?.display_phone_number) fields.business_number = value.metadata.display_phone_number;
  if (value.metadata?.phone_number_id) fields.phone_number_id = value.metadata.phone_number_id;

  return {
    type: "whatsapp_message",
    source: WHATSAPP_SOURCE,
    externalId: message.id,
    from,
    ...(name ? { fromName: name } : {}),
    subject: subjectOf(content),
    received: webhookTime(message.timestamp, parts.now).toISOString(),
    body: content.text,
    fields,
    ...(parts.attachments.length > 0 ? { attachments: parts.attachments } : {}),
  };
}

function subjectOf(content: MessageContent): string {
  const firstLine = content.text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== "");
  if (firstLine) {
    const chars = [...firstLine];
    return chars.length > MAX_SUBJECT_CHARS
      ? `${chars.slice(0, MAX_SUBJECT_CHARS - 1).join("")}…`
      : firstLine;
  }
  return content.media ? `WhatsApp ${content.media.kind}: ${content.media.fileName}` : "WhatsApp message";
}

/** Stable and short, so the same media always gets the same made-up name. */
function shortId(wamid: string): string {
  return createHash("sha256").update(wamid).digest("hex").slice(0, 10);
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  "application/pdf": "pdf",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.ms-powerpoint": "ppt",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
  "text/plain": "txt",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
};

export function extensionFor(mimeType: string): string {
  return EXTENSIONS[mimeType.toLowerCase()] ?? "bin";
}
