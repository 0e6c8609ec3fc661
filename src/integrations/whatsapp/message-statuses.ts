/**
 * @module What became of the messages the employee sent: Meta reports `sent`, `delivered`, `read` or
 * `failed` (with the reason) by webhook, keyed by the wamid the send returned. Only the webhook writes
 * this record; the runtime and the tools read it to tell a person whether a reply arrived.
 */
import type { StateStore } from "../../vault/state-store.js";
import { explainWhatsAppErrorCode } from "./graph-error.js";
import type { WebhookStatus } from "./webhook-payload.js";
import { webhookTime } from "./webhook-payload.js";

const STATE_KEY = "whatsapp-message-statuses";
/** The recent sends a person may ask about; the oldest update is dropped first. */
export const MAX_TRACKED_STATUSES = 500;
/** Notifications can arrive out of order; a message never goes back from read to delivered. */
const PROGRESS: Readonly<Record<string, number>> = { sent: 1, delivered: 2, read: 3 };

export interface MessageStatusRecord {
  messageId: string;
  recipient: string | undefined;
  /** `sent`, `delivered`, `read`, `failed` (or a newer value Meta adds). */
  status: string;
  /** When Meta says it happened (ISO 8601). */
  updatedAt: string;
  error?: { code: number; title: string; explanation?: string };
}

export interface MessageStatuses {
  record(updates: readonly WebhookStatus[]): Promise<void>;
  get(messageId: string): Promise<MessageStatusRecord | undefined>;
  /** Newest first. */
  list(): Promise<MessageStatusRecord[]>;
}

export function createMessageStatuses(state: StateStore, now: () => Date): MessageStatuses {
  async function load(): Promise<MessageStatusRecord[]> {
    const stored = await state.read<{ statuses?: MessageStatusRecord[] }>(STATE_KEY);
    return Array.isArray(stored?.statuses) ? stored.statuses : [];
  }

  return {
    async record(updates) {
      if (updates.length === 0) return;
      const byId = new Map((await load()).map((record) => [record.messageId, record]));
      for (const update of updates) {
        const previous = byId.get(update.id);
        const next = toRecord(update, now());
        if (previous && isRegression(previous.status, next.status)) continue;
        byId.delete(update.id);
        byId.set(update.id, { ...next, recipient: next.recipient ?? previous?.recipient });
      }
      const kept = [...byId.values()].slice(-MAX_TRACKED_STATUSES);
      await state.write(STATE_KEY, { statuses: kept });
    },
    async get(messageId) {
      return (await load()).find((record) => record.messageId === messageId);
    },
    async list() {
      return (await load()).reverse();
    },
  };
}

function isRegression(previous: string, next: string): boolean {
  const before = PROGRESS[previous];
  const after = PROGRESS[next];
  return before !== undefined && after !== undefined && after < before;
}

function toRecord(update: WebhookStatus, fallback: Date): MessageStatusRecord {
  const error = update.errors?.[0];
  return {
    messageId: update.id,
    recipient: update.recipient_id,
    status: update.status,
    updatedAt: webhookTime(update.timestamp, fallback).toISOString(),
    ...(error
      ? {
          error: {
            code: error.code,
            title: error.title ?? error.message ?? `error ${error.code}`,
            ...(explainWhatsAppErrorCode(error.code)
              ? { explanation: explainWhatsAppErrorCode(error.code) }
              : {}),
          },
        }
      : {}),
  };
}
