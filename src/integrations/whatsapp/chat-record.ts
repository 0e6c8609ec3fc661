/**
 * @module The recent conversations, from arrived messages, so `list_chats` can answer without the
 * network (the Cloud API has no "list chats" call). Only the webhook writes it; tools only read.
 */
import type { StateStore } from "../../vault/state-store.js";
import type { WhatsAppChat } from "./whatsapp-channel.js";

const STATE_KEY = "whatsapp-chats";
/** Enough for a small business's active conversations; the oldest is forgotten first. */
export const MAX_RECORDED_CHATS = 200;

export interface ChatArrival {
  chat: string;
  kind: WhatsAppChat["kind"];
  name: string | undefined;
  messageId: string;
  at: Date;
}

export interface ChatRecord {
  note(arrival: ChatArrival): Promise<void>;
  /** Newest first. */
  list(limit: number): Promise<WhatsAppChat[]>;
}

export function createChatRecord(state: StateStore): ChatRecord {
  async function load(): Promise<WhatsAppChat[]> {
    const stored = await state.read<{ chats?: WhatsAppChat[] }>(STATE_KEY);
    return Array.isArray(stored?.chats) ? stored.chats : [];
  }
  return {
    async note(arrival) {
      const chats = await load();
      const existing = chats.find((chat) => chat.chat === arrival.chat);
      const at = arrival.at.toISOString();
      const name = arrival.name ?? existing?.name;
      const newer = !existing || existing.lastMessageAt <= at;
      const updated: WhatsAppChat = {
        chat: arrival.chat,
        kind: arrival.kind,
        ...(name ? { name } : {}),
        // A late (out-of-order) message must not move the chat's "last message" back in time.
        lastMessageAt: newer ? at : existing.lastMessageAt,
        lastMessageId: newer ? arrival.messageId : existing.lastMessageId,
        messageCount: (existing?.messageCount ?? 0) + 1,
      };
      const others = chats.filter((chat) => chat.chat !== arrival.chat);
      const next = [updated, ...others]
        .sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt))
        .slice(0, MAX_RECORDED_CHATS);
      await state.write(STATE_KEY, { chats: next });
    },
    async list(limit) {
      const chats = await load();
      return chats
        .sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt))
        .slice(0, Math.max(0, limit));
    },
  };
}
