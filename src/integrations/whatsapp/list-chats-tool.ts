/**
 * @module `list_chats`: the recent WhatsApp conversations (newest first) with the state of the last
 * reply sent to each, so a model or a person can pick the right recipient for `send_whatsapp`.
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../tool-definition.js";
import type { MessageStatuses, MessageStatusRecord } from "./message-statuses.js";
import type { WhatsAppChannel } from "./whatsapp-channel.js";

const DEFAULT_CHATS = 20;
/** A listing longer than this is noise for a model and a person alike. */
const MAX_CHATS = 100;

const input = z.object({
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_CHATS)
    .optional()
    .describe(`How many chats to list, newest first (default ${DEFAULT_CHATS}).`),
});

export interface ListChatsToolDeps {
  channel: WhatsAppChannel;
  statuses: Pick<MessageStatuses, "list">;
}

export function createListChatsTool(deps: ListChatsToolDeps): ToolDefinition {
  return defineTool({
    name: "list_chats",
    title: "List recent WhatsApp chats",
    description:
      "Lists the WhatsApp conversations that wrote in recently, newest first: the number to reply to, the " +
      "contact's profile name (set by the contact, not verified), how many messages arrived, when the last one " +
      "came, and whether the last reply sent to them was delivered or read.",
    input,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    effect: "read",
    async run(value) {
      const chats = await deps.channel.listRecentChats(value.limit ?? DEFAULT_CHATS);
      const statuses = await deps.statuses.list();
      const rows = chats.map((chat) => ({ ...chat, lastReply: latestFor(statuses, chat.chat) }));
      if (rows.length === 0) return { text: "No WhatsApp chats recorded yet.", data: { chats: [] } };
      const lines = rows.map((row) => {
        const who = row.kind === "group" ? `group ${row.chat}` : `+${row.chat}`;
        const name = row.name ? ` ${JSON.stringify(row.name)}` : "";
        const reply = row.lastReply
          ? `; last reply ${row.lastReply.status}${row.lastReply.error ? ` (${row.lastReply.error.explanation ?? row.lastReply.error.title})` : ""}`
          : "";
        return `- ${who}${name}: ${row.messageCount} message(s), last at ${row.lastMessageAt}${reply}`;
      });
      return {
        text: `Recent WhatsApp chats, newest first (names are set by the contacts themselves):\n${lines.join("\n")}`,
        data: { chats: rows },
      };
    },
  });
}

function latestFor(statuses: readonly MessageStatusRecord[], chat: string): MessageStatusRecord | undefined {
  return statuses.find((status) => status.recipient === chat);
}
