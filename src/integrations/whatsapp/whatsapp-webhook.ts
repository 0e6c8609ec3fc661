/**
 * @module The WhatsApp Cloud API webhook as a hono app (`/webhooks/whatsapp`), which the daemon serves
 * with @hono/node-server on WHATSAPP_WEBHOOK_PORT behind an HTTPS tunnel or proxy.
 *
 * - `GET`: Meta's subscription handshake; the challenge is echoed only for the right verify token.
 * - `POST`: refused (401 missing / 403 bad signature, reported to `onRejected`, nothing created) unless
 *   `X-Hub-Signature-256` is the HMAC of the raw body with the app secret. A signed delivery is processed
 *   in arrival order; the answer is 200 as soon as it is stored, or after ACK_DEADLINE_MS at the latest
 *   while the work finishes in the background, so Meta neither times out nor retries needlessly.
 *
 * @example
 * const webhook = createWhatsAppWebhook({ config, sink, state, now: () => new Date(), onRejected, onError });
 * const watcher = createWhatsAppWatcher({ webhook, port: config.webhookPort }); // serves it via @hono/node-server
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { StateStore } from "../../vault/state-store.js";
import type { TaskSink } from "../inbound-item.js";
import { createChatRecord } from "./chat-record.js";
import { createDeliveryQueue } from "./delivery-queue.js";
import { createGraphClient } from "./graph-client.js";
import { createMediaDownloader } from "./media-downloader.js";
import { createMessageStatuses, type MessageStatuses } from "./message-statuses.js";
import { createSeenMessages } from "./seen-messages.js";
import { createDeliveryProcessor } from "./webhook-delivery.js";
import { secretsEqual, verifyWebhookSignature } from "./webhook-signature.js";
import type { WhatsAppConfig } from "./whatsapp-config.js";

export const WHATSAPP_WEBHOOK_PATH = "/webhooks/whatsapp";
/** Meta's notifications are at most a few MB (a batch of up to 1000 updates); anything larger is not Meta. */
export const MAX_WEBHOOK_BODY_BYTES = 3 * 1024 * 1024;
/** Long enough to store a text or a small document before answering, short of Meta's delivery timeout. */
export const ACK_DEADLINE_MS = 2_000;
/** Deliveries waiting their turn; beyond this Meta is told to come back later (503) instead of growing memory. */
export const MAX_PENDING_DELIVERIES = 100;
/** Meta's challenge is a short number; anything else is not echoed back. */
const CHALLENGE_FORMAT = /^[A-Za-z0-9._-]{1,256}$/;

export type WebhookRejectionReason =
  "missing signature" | "bad signature" | "wrong verify token" | "body too large";

export interface WebhookRejection {
  reason: WebhookRejectionReason;
  method: string;
  remoteAddress: string | undefined;
  at: string;
}

export interface WhatsAppWebhookDeps {
  config: Pick<
    WhatsAppConfig,
    | "appSecret"
    | "verifyToken"
    | "phoneNumberId"
    | "accessToken"
    | "graphApiBaseUrl"
    | "sendReadReceipts"
    | "maxMediaBytes"
  >;
  sink: TaskSink;
  state: StateStore;
  now: () => Date;
  fetch?: typeof fetch;
  /** A refused request, for the audit log: someone without the app secret is knocking. */
  onRejected: (rejection: WebhookRejection) => void;
  /** A delivery that failed after it was accepted, or a side failure (media, read receipt). */
  onError: (error: unknown) => void;
  /** How long a POST waits for its delivery to be stored before answering 200 anyway (default ACK_DEADLINE_MS). */
  ackDeadlineMs?: number;
}

export interface WhatsAppWebhook {
  app: Hono;
  path: typeof WHATSAPP_WEBHOOK_PATH;
  /** The delivery statuses of sent messages, as recorded from the webhook. */
  statuses: MessageStatuses;
  /** Resolves when every accepted delivery has been processed (for shutdown and tests). */
  drain(): Promise<void>;
}

const readReceiptSchema = z.object({ success: z.boolean().optional() });

export function createWhatsAppWebhook(deps: WhatsAppWebhookDeps): WhatsAppWebhook {
  const { config } = deps;
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const graph = createGraphClient({
    baseUrl: config.graphApiBaseUrl,
    accessToken: config.accessToken,
    otherSecrets: [config.appSecret, config.verifyToken],
    fetch: fetchImpl,
    now: deps.now,
  });
  const statuses = createMessageStatuses(deps.state, deps.now);
  const processor = createDeliveryProcessor({
    sink: deps.sink,
    seen: createSeenMessages(deps.state),
    chats: createChatRecord(deps.state),
    statuses,
    media: createMediaDownloader({
      graph,
      accessToken: config.accessToken,
      maxBytes: config.maxMediaBytes,
      fetch: fetchImpl,
    }),
    ...(config.sendReadReceipts
      ? {
          markRead: async (messageId: string) => {
            await graph.request({
              method: "POST",
              path: `/${encodeURIComponent(config.phoneNumberId)}/messages`,
              json: { messaging_product: "whatsapp", status: "read", message_id: messageId },
              schema: readReceiptSchema,
            });
          },
        }
      : {}),
    now: deps.now,
    onError: deps.onError,
  });
  const queue = createDeliveryQueue(MAX_PENDING_DELIVERIES);

  function reject(c: Context, reason: WebhookRejectionReason): void {
    deps.onRejected({
      reason,
      method: c.req.method,
      remoteAddress: remoteAddressOf(c),
      at: deps.now().toISOString(),
    });
  }

  const app = new Hono();

  app.get(WHATSAPP_WEBHOOK_PATH, (c) => {
    const mode = c.req.query("hub.mode");
    const token = c.req.query("hub.verify_token");
    const challenge = c.req.query("hub.challenge");
    if (mode !== "subscribe" || token === undefined || challenge === undefined) {
      return c.text("expected hub.mode=subscribe, hub.verify_token and hub.challenge", 400);
    }
    if (!secretsEqual(token, config.verifyToken)) {
      reject(c, "wrong verify token");
      return c.text("forbidden", 403);
    }
    if (!CHALLENGE_FORMAT.test(challenge)) return c.text("invalid hub.challenge", 400);
    return c.text(challenge, 200);
  });

  app.post(
    WHATSAPP_WEBHOOK_PATH,
    bodyLimit({
      maxSize: MAX_WEBHOOK_BODY_BYTES,
      onError: (c) => {
        reject(c, "body too large");
        return c.text("payload too large", 413);
      },
    }),
    async (c) => {
      const rawBody = new Uint8Array(await c.req.arrayBuffer());
      const signature = verifyWebhookSignature(
        rawBody,
        c.req.header("x-hub-signature-256"),
        config.appSecret,
      );
      if (!signature.valid) {
        reject(c, signature.reason);
        return signature.reason === "missing signature"
          ? c.text("unauthorized", 401)
          : c.text("forbidden", 403);
      }
      const work = queue.enqueue(() => processor.process(rawBody));
      if (!work) {
        deps.onError(
          new Error(
            `WhatsApp webhook: ${MAX_PENDING_DELIVERIES} deliveries are waiting; asked Meta to retry.`,
          ),
        );
        return c.text("busy, retry later", 503);
      }
      const settled = await settleWithin(work, deps.ackDeadlineMs ?? ACK_DEADLINE_MS);
      if (settled === "failed") {
        // Nothing was lost: Meta redelivers on a non-2xx answer and filed messages are skipped by wamid.
        return c.text("could not store the notification, retry later", 503);
      }
      return c.text("EVENT_RECEIVED", 200);
    },
  );

  /** "done", "failed" (reported to onError), or "pending" when the deadline passed first. */
  async function settleWithin(
    work: Promise<unknown>,
    deadlineMs: number,
  ): Promise<"done" | "failed" | "pending"> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"pending">((resolve) => {
      timer = setTimeout(() => resolve("pending"), deadlineMs);
    });
    const outcome = work.then(
      () => "done" as const,
      (error: unknown) => {
        deps.onError(error);
        return "failed" as const;
      },
    );
    try {
      return await Promise.race([outcome, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  return { app, path: WHATSAPP_WEBHOOK_PATH, statuses, drain: () => queue.drain() };
}

function remoteAddressOf(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // Served without @hono/node-server (in-process requests in tests): no socket to ask.
    return undefined;
  }
}
