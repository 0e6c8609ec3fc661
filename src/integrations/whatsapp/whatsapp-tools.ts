/**
 * @module The WhatsApp MCP server's tools, as an explicit list. The runtime picks the channel (the
 * Cloud API when configured and DRY_RUN is off, the Outbox otherwise); the tools never branch on it.
 */
import type { ToolDefinition } from "../tool-definition.js";
import { createListChatsTool } from "./list-chats-tool.js";
import type { MessageStatuses } from "./message-statuses.js";
import { createSendWhatsAppTool } from "./send-whatsapp-tool.js";
import type { WhatsAppChannel } from "./whatsapp-channel.js";

export interface WhatsAppToolsDeps {
  channel: WhatsAppChannel;
  /** Delivery statuses recorded by the webhook, read-only here. */
  statuses: Pick<MessageStatuses, "list">;
  vaultRoot: string;
}

export function createWhatsAppTools(deps: WhatsAppToolsDeps): ToolDefinition[] {
  return [
    createListChatsTool({ channel: deps.channel, statuses: deps.statuses }),
    createSendWhatsAppTool({ channel: deps.channel, vaultRoot: deps.vaultRoot }),
  ];
}
