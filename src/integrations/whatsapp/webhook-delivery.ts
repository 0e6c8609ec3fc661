/**
 * @module What one signed webhook delivery does: statuses are recorded against the sent message, each
 * new message (media fetched into the vault) is handed to the core as an inbound item, and anything
 * that cannot be read is quarantined whole so nothing is lost. Runs behind the signature check only.
 */
import { safeFileName } from "../../vault/safe-name.js";
import type { InboundAttachment, TaskSink } from "../inbound-item.js";
import type { ChatRecord } from "./chat-record.js";
import {
  describeMessage,
  senderOf,
  toInboundItem,
  WHATSAPP_SOURCE,
  type MessageContent,
} from "./inbound-message.js";
import type { MediaDownloader } from "./media-downloader.js";
import type { MessageStatuses } from "./message-statuses.js";
import type { SeenMessages } from "./seen-messages.js";
import {
  messageSchema,
  messagesValueSchema,
  statusSchema,
  webhookEnvelopeSchema,
  webhookTime,
  type MessagesValue,
  type WebhookStatus,
} from "./webhook-payload.js";

export const WHATSAPP_OBJECT = "whatsapp_business_account";

export interface DeliveryOutcome {
  created: number;
  duplicates: number;
  statuses: number;
  quarantined: number;
  /** Reactions, stickers, system notices and changes of fields other than `messages`. */
  ignored: number;
}

export interface DeliveryProcessorDeps {
  sink: TaskSink;
  seen: SeenMessages;
  chats: ChatRecord;
  statuses: MessageStatuses;
  media: MediaDownloader;
  /** Marks an arrived message read (blue ticks); only passed when WHATSAPP_SEND_READ_RECEIPTS is on. */
  markRead?: (messageId: string) => Promise<void>;
  now: () => Date;
  /** Failures that do not stop the delivery (a read receipt that did not go out). */
  onError: (error: unknown) => void;
}

export interface DeliveryProcessor {
  process(rawBody: Uint8Array): Promise<DeliveryOutcome>;
}

export function createDeliveryProcessor(deps: DeliveryProcessorDeps): DeliveryProcessor {
  async function quarantine(
    outcome: DeliveryOutcome,
    reason: string,
    content: string | Uint8Array,
  ): Promise<void> {
    const stamp = deps.now().toISOString().replace(/[:.]/g, "-");
    await deps.sink.quarantine({
      source: WHATSAPP_SOURCE,
      reason,
      name: safeFileName(`whatsapp-webhook-${stamp}.json`),
      content,
    });
    outcome.quarantined += 1;
  }

  async function fetchAttachment(content: MessageContent): Promise<InboundAttachment[]> {
    const media = content.media;
    if (!media) return [];
    const name = safeFileName(media.fileName);
    try {
      const download = await deps.media.download(media.mediaId);
      if (!download.saved) {
        return [
          { name, path: undefined, size: download.size, mediaType: media.mimeType, skipped: download.reason },
        ];
      }
      const path = await deps.sink.saveAttachment(WHATSAPP_SOURCE, name, download.content);
      return [{ name, path, size: download.content.length, mediaType: download.mimeType ?? media.mimeType }];
    } catch (error) {
      // The message still becomes a task: a person can open the file in WhatsApp.
      deps.onError(error);
      const reason = error instanceof Error ? error.message : String(error);
      return [
        { name, path: undefined, size: 0, mediaType: media.mimeType, skipped: `download failed: ${reason}` },
      ];
    }
  }

  async function handleMessage(raw: unknown, value: MessagesValue, outcome: DeliveryOutcome): Promise<void> {
    const parsed = messageSchema.safeParse(raw);
    if (!parsed.success) {
      await quarantine(
        outcome,
        `A WhatsApp message could not be read: ${firstIssue(parsed.error)}`,
        json(raw),
      );
      return;
    }
    const message = parsed.data;
    if (await deps.seen.has(message.id)) {
      outcome.duplicates += 1;
      return;
    }
    const content = describeMessage(message);
    const from = senderOf(message, value.contacts ?? []);
    if (!content || !from) {
      if (!from) await quarantine(outcome, "A WhatsApp message arrived without a sender id.", json(raw));
      else outcome.ignored += 1;
      await deps.seen.add(message.id);
      return;
    }
    const attachments = await fetchAttachment(content);
    const item = toInboundItem({ message, value, from, content, attachments, now: deps.now() });
    const { created } = await deps.sink.submit(item);
    await deps.seen.add(message.id);
    if (created) outcome.created += 1;
    else outcome.duplicates += 1;
    await deps.chats.note({
      chat: message.group_id ?? from,
      kind: message.group_id ? "group" : "individual",
      name: message.group_id ? undefined : item.fromName,
      messageId: message.id,
      at: webhookTime(message.timestamp, deps.now()),
    });
    if (created && deps.markRead) await deps.markRead(message.id).catch(deps.onError);
  }

  async function handleValue(rawValue: unknown, outcome: DeliveryOutcome): Promise<void> {
    const parsed = messagesValueSchema.safeParse(rawValue);
    if (!parsed.success) {
      await quarantine(
        outcome,
        `A WhatsApp notification could not be read: ${firstIssue(parsed.error)}`,
        json(rawValue),
      );
      return;
    }
    const value = parsed.data;
    const statuses: WebhookStatus[] = [];
    for (const rawStatus of value.statuses ?? []) {
      const status = statusSchema.safeParse(rawStatus);
      if (status.success) statuses.push(status.data);
      else
        await quarantine(
          outcome,
          `A WhatsApp status update could not be read: ${firstIssue(status.error)}`,
          json(rawStatus),
        );
    }
    await deps.statuses.record(statuses);
    outcome.statuses += statuses.length;
    for (const rawMessage of value.messages ?? []) await handleMessage(rawMessage, value, outcome);
  }

  return {
    async process(rawBody) {
      const outcome: DeliveryOutcome = { created: 0, duplicates: 0, statuses: 0, quarantined: 0, ignored: 0 };
      let body: unknown;
      try {
        body = JSON.parse(new TextDecoder().decode(rawBody));
      } catch {
        await quarantine(outcome, "A signed WhatsApp webhook body is not JSON.", rawBody);
        return outcome;
      }
      const envelope = webhookEnvelopeSchema.safeParse(body);
      if (!envelope.success) {
        await quarantine(
          outcome,
          `A signed WhatsApp webhook body has an unknown shape: ${firstIssue(envelope.error)}`,
          rawBody,
        );
        return outcome;
      }
      if (envelope.data.object !== WHATSAPP_OBJECT) {
        await quarantine(
          outcome,
          `A signed webhook is not a WhatsApp notification (object "${envelope.data.object}").`,
          rawBody,
        );
        return outcome;
      }
      for (const entry of envelope.data.entry) {
        for (const change of entry.changes) {
          // Only `messages` carries messages and statuses; template, quality and account updates are for Meta's tools.
          if (change.field === "messages") await handleValue(change.value, outcome);
          else outcome.ignored += 1;
        }
      }
      return outcome;
    },
  };
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "null";
}

function firstIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  return `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`;
}
