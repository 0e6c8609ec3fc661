/**
 * @module The WhatsApp Business Platform Cloud API as a `WhatsAppChannel`: `POST /{phone-number-id}/messages`
 * for text and documents (uploaded first through `POST /{phone-number-id}/media`, or given as a link).
 * Graph errors arrive already typed from the client (190 auth, 4/80007/130429/131056 rate limit,
 * 131047 outside the 24-hour window, 5xx transient).
 */
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import type { ChatRecord } from "./chat-record.js";
import { createGraphClient, type GraphClient } from "./graph-client.js";
import type { OutgoingDocument, SentWhatsAppMessage, WhatsAppChannel } from "./whatsapp-channel.js";
import type { WhatsAppConfig } from "./whatsapp-config.js";

const sendResponseSchema = z.object({
  messaging_product: z.string().optional(),
  contacts: z.array(z.object({ input: z.string().optional(), wa_id: z.string().optional() })).optional(),
  messages: z.array(z.object({ id: z.string().min(1), message_status: z.string().optional() })).min(1),
});

const uploadResponseSchema = z.object({ id: z.string().min(1) });

export interface CloudApiChannelDeps {
  config: Pick<WhatsAppConfig, "phoneNumberId" | "accessToken" | "graphApiBaseUrl" | "appSecret">;
  /** Recent chats as recorded by the webhook (the Cloud API cannot list them). */
  chats: ChatRecord;
  fetch?: typeof fetch;
  now: () => Date;
}

export function createCloudApiChannel(deps: CloudApiChannelDeps): WhatsAppChannel {
  const graph: GraphClient = createGraphClient({
    baseUrl: deps.config.graphApiBaseUrl,
    accessToken: deps.config.accessToken,
    otherSecrets: [deps.config.appSecret],
    fetch: deps.fetch ?? globalThis.fetch,
    now: deps.now,
  });
  const phoneNumberPath = `/${encodeURIComponent(deps.config.phoneNumberId)}`;

  async function send(
    to: string,
    payload: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<SentWhatsAppMessage> {
    const response = await graph.request({
      method: "POST",
      path: `${phoneNumberPath}/messages`,
      json: { messaging_product: "whatsapp", recipient_type: "individual", to, ...payload },
      schema: sendResponseSchema,
      ...(signal ? { signal } : {}),
    });
    const messageId = response.messages[0]?.id;
    if (!messageId) throw new DataError("The Cloud API accepted the message but returned no message id.");
    return { recipient: response.contacts?.[0]?.wa_id ?? to, messageId, dryRun: false };
  }

  async function upload(document: OutgoingDocument["document"], content: Uint8Array, signal?: AbortSignal) {
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("type", document.mediaType);
    form.set("file", new Blob([content], { type: document.mediaType }), document.fileName);
    const response = await graph.request({
      method: "POST",
      path: `${phoneNumberPath}/media`,
      form,
      schema: uploadResponseSchema,
      ...(signal ? { signal } : {}),
    });
    return response.id;
  }

  return {
    name: "cloud-api",
    sendText(message, signal) {
      return send(message.to, { type: "text", text: { body: message.text, preview_url: false } }, signal);
    },
    async sendDocument(message, signal) {
      const { document } = message;
      const reference =
        document.source.kind === "upload"
          ? { id: await upload(document, document.source.content, signal) }
          : { link: document.source.url };
      return send(
        message.to,
        {
          type: "document",
          document: {
            ...reference,
            filename: document.fileName,
            ...(message.caption ? { caption: message.caption } : {}),
          },
        },
        signal,
      );
    },
    listRecentChats(limit) {
      return deps.chats.list(limit);
    },
  };
}
