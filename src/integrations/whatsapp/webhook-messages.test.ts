import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMemoryTaskSink, type MemoryTaskSink } from "../../../test/support/memory-task-sink.js";
import { createFakeGraphServer } from "../../../test/fakes/graph/server.js";
import { signedWebhookPost } from "../../../test/fakes/graph/sign-webhook.js";
import { createWhatsAppFake, type WhatsAppFake } from "../../../test/fakes/graph/whatsapp-routes.js";
import {
  documentMessageValue,
  imageMessageValue,
  notification,
  statusValue,
  textMessageValue,
} from "../../../test/fakes/graph/whatsapp-webhook-payloads.js";
import { createStateStore, type StateStore } from "../../vault/state-store.js";
import { createChatRecord } from "./chat-record.js";
import { createWhatsAppWebhook, type WebhookRejection } from "./whatsapp-webhook.js";
import type { WhatsAppConfig } from "./whatsapp-config.js";

const PHONE_NUMBER_ID = "106540352242922";
const ACCESS_TOKEN = "EAAGtestaccesstokenforthefakegraphserver0001";
const APP_SECRET = "app-secret-for-tests-0123456789";
const WEBHOOK_URL = "http://127.0.0.1/webhooks/whatsapp";
const SHEENA = { waId: "16505551234", name: "Sheena Nelson" };
const OMAR = { waId: "447700900123", name: "Omar Farouk" };
const NOW = new Date("2026-11-26T10:00:00Z");

let graphUrl: string;
let closeGraph: () => Promise<void>;
let whatsapp: WhatsAppFake;
let graphCalls: Array<{ method: string; path: string; authorization: string | undefined }>;

beforeAll(async () => {
  whatsapp = createWhatsAppFake({ phoneNumberId: PHONE_NUMBER_ID });
  const server = createFakeGraphServer({ accessToken: ACCESS_TOKEN, routes: whatsapp.routes });
  graphCalls = server.calls;
  const started = await server.start();
  graphUrl = started.url;
  closeGraph = started.close;
});

afterAll(async () => {
  await closeGraph();
});

let vaultRoot: string;
let state: StateStore;
let memory: MemoryTaskSink;
let rejections: WebhookRejection[];
let errors: unknown[];

beforeEach(async () => {
  vaultRoot = await mkdtemp(path.join(tmpdir(), "whatsapp-webhook-"));
  state = createStateStore(path.join(vaultRoot, ".ai-employee", "state"));
  memory = createMemoryTaskSink(vaultRoot);
  rejections = [];
  errors = [];
  graphCalls.length = 0;
});

afterEach(async () => {
  await rm(vaultRoot, { recursive: true, force: true });
});

function config(overrides: Partial<WhatsAppConfig> = {}): WhatsAppConfig {
  return {
    appSecret: APP_SECRET,
    verifyToken: "verify-token-for-tests",
    phoneNumberId: PHONE_NUMBER_ID,
    accessToken: ACCESS_TOKEN,
    graphApiBaseUrl: `${graphUrl}/v26.0`,
    webhookPort: 8788,
    sendReadReceipts: false,
    maxMediaBytes: 1024 * 1024,
    ...overrides,
  };
}

function webhook(overrides: Partial<WhatsAppConfig> = {}) {
  return createWhatsAppWebhook({
    config: config(overrides),
    sink: memory.sink,
    state,
    now: () => NOW,
    onRejected: (rejection) => rejections.push(rejection),
    onError: (error) => errors.push(error),
  });
}

async function post(
  hook: ReturnType<typeof webhook>,
  payload: unknown,
  options?: { signature?: string | null },
) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  return hook.app.request(signedWebhookPost(WEBHOOK_URL, body, APP_SECRET, options));
}

describe("messages", () => {
  it("files a text message as a whatsapp_message item and records the chat", async () => {
    const hook = webhook();
    const response = await post(
      hook,
      notification([
        textMessageValue(SHEENA, {
          phoneNumberId: PHONE_NUMBER_ID,
          id: "wamid.TEXT1",
          text: "Hi! Please send the invoice for October, urgent.",
          timestamp: 1_764_150_000,
        }),
      ]),
    );
    expect(response.status).toBe(200);
    expect(memory.items).toHaveLength(1);
    const item = memory.items[0]!;
    expect(item).toMatchObject({
      type: "whatsapp_message",
      source: "whatsapp",
      externalId: "wamid.TEXT1",
      from: "16505551234",
      fromName: "Sheena Nelson",
      subject: "Hi! Please send the invoice for October, urgent.",
      body: "Hi! Please send the invoice for October, urgent.",
      received: new Date(1_764_150_000 * 1000).toISOString(),
    });
    expect(item.fields).toMatchObject({
      chat: "16505551234",
      message_type: "text",
      phone_number_id: PHONE_NUMBER_ID,
    });
    const chats = await createChatRecord(state).list(10);
    expect(chats).toEqual([
      expect.objectContaining({
        chat: "16505551234",
        name: "Sheena Nelson",
        kind: "individual",
        messageCount: 1,
      }),
    ]);
    expect(graphCalls).toEqual([]);
  });

  it("downloads a document through the Graph API into the vault", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7\n% purchase order 4471\n%%EOF\n");
    const mediaId = whatsapp.addInboundMedia({
      content: pdf,
      mimeType: "application/pdf",
      fileName: "PO-4471.pdf",
    });
    await post(
      webhook(),
      notification([
        documentMessageValue(SHEENA, {
          phoneNumberId: PHONE_NUMBER_ID,
          id: "wamid.DOC1",
          mediaId,
          fileName: "PO-4471.pdf",
          mimeType: "application/pdf",
          caption: "Our purchase order",
        }),
      ]),
    );
    expect(memory.items).toHaveLength(1);
    const item = memory.items[0]!;
    expect(item.body).toBe("Our purchase order");
    expect(item.attachments).toEqual([
      {
        name: "PO-4471.pdf",
        path: "Attachments/whatsapp/PO-4471.pdf",
        size: pdf.length,
        mediaType: "application/pdf",
      },
    ]);
    expect(await readFile(path.join(vaultRoot, "Attachments/whatsapp/PO-4471.pdf"))).toEqual(
      Buffer.from(pdf),
    );
    expect(graphCalls.map((call) => `${call.method} ${call.path}`)).toEqual([
      `GET /v26.0/${mediaId}`,
      `GET /whatsapp-media/${mediaId}`,
    ]);
    expect(graphCalls.every((call) => call.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
  });

  it("downloads an image under a made-up name and keeps its caption", async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
    const mediaId = whatsapp.addInboundMedia({ content: jpeg, mimeType: "image/jpeg" });
    await post(
      webhook(),
      notification([
        imageMessageValue(OMAR, {
          phoneNumberId: PHONE_NUMBER_ID,
          id: "wamid.IMG1",
          mediaId,
          caption: "the broken part",
        }),
      ]),
    );
    const attachment = memory.items[0]?.attachments?.[0];
    expect(memory.items[0]?.body).toBe("the broken part");
    expect(attachment?.name).toMatch(/^whatsapp-image-[0-9a-f]{10}\.jpg$/);
    expect(attachment?.path).toBe(`Attachments/whatsapp/${attachment?.name}`);
    expect(attachment?.mediaType).toBe("image/jpeg");
  });

  it("files the message but skips media over the size limit without downloading it", async () => {
    const big = new Uint8Array(4096).fill(7);
    const mediaId = whatsapp.addInboundMedia({
      content: big,
      mimeType: "application/pdf",
      fileName: "scan.pdf",
    });
    await post(
      webhook({ maxMediaBytes: 1024 }),
      notification([
        documentMessageValue(SHEENA, {
          phoneNumberId: PHONE_NUMBER_ID,
          id: "wamid.BIG1",
          mediaId,
          fileName: "scan.pdf",
          mimeType: "application/pdf",
        }),
      ]),
    );
    const attachment = memory.items[0]?.attachments?.[0];
    expect(attachment?.path).toBeUndefined();
    expect(attachment?.skipped).toMatch(/larger than the limit/);
    expect(graphCalls.map((call) => call.path)).toEqual([`/v26.0/${mediaId}`]);
  });

  it("files every message of a batch of several entries, and records its statuses", async () => {
    const hook = webhook();
    const response = await post(
      hook,
      notification(
        [
          textMessageValue(SHEENA, { phoneNumberId: PHONE_NUMBER_ID, id: "wamid.B1", text: "first" }),
          statusValue(PHONE_NUMBER_ID, {
            messageId: "wamid.OUT1",
            status: "delivered",
            recipient: SHEENA.waId,
          }),
        ],
        [textMessageValue(OMAR, { phoneNumberId: PHONE_NUMBER_ID, id: "wamid.B2", text: "second" })],
      ),
    );
    expect(response.status).toBe(200);
    expect(memory.items.map((item) => [item.externalId, item.from])).toEqual([
      ["wamid.B1", SHEENA.waId],
      ["wamid.B2", OMAR.waId],
    ]);
    expect(await hook.statuses.get("wamid.OUT1")).toMatchObject({
      status: "delivered",
      recipient: SHEENA.waId,
    });
  });

  it("files a redelivered message once, even when the copies race", async () => {
    const hook = webhook();
    const payload = notification([
      textMessageValue(SHEENA, {
        phoneNumberId: PHONE_NUMBER_ID,
        id: "wamid.REDELIVER",
        text: "hello again",
      }),
    ]);
    const [first, second] = await Promise.all([post(hook, payload), post(hook, payload)]);
    const third = await post(hook, payload);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(memory.items).toHaveLength(1);
    expect((await createChatRecord(state).list(5))[0]?.messageCount).toBe(1);
  });

  it("sends a read receipt only when configured", async () => {
    await post(
      webhook({ sendReadReceipts: true }),
      notification([
        textMessageValue(SHEENA, { phoneNumberId: PHONE_NUMBER_ID, id: "wamid.READ1", text: "hi" }),
      ]),
    );
    await post(
      webhook(),
      notification([
        textMessageValue(SHEENA, { phoneNumberId: PHONE_NUMBER_ID, id: "wamid.READ2", text: "hi" }),
      ]),
    );
    expect(whatsapp.readReceipts).toContain("wamid.READ1");
    expect(whatsapp.readReceipts).not.toContain("wamid.READ2");
  });

  it("answers 503 when the task cannot be stored, so Meta redelivers, and files it on the retry", async () => {
    const hook = webhook();
    const payload = notification([
      textMessageValue(SHEENA, { phoneNumberId: PHONE_NUMBER_ID, id: "wamid.RETRY", text: "are you there?" }),
    ]);
    memory.fail(true);
    expect((await post(hook, payload)).status).toBe(503);
    expect(errors).toHaveLength(1);
    memory.fail(false);
    expect((await post(hook, payload)).status).toBe(200);
    expect(memory.items.map((item) => item.externalId)).toEqual(["wamid.RETRY"]);
  });

  it("answers 200 at the deadline while a slow media download finishes in the background", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7 slow %%EOF");
    const mediaId = whatsapp.addInboundMedia({
      content: pdf,
      mimeType: "application/pdf",
      fileName: "slow.pdf",
    });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowFetch: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      if (url.includes("/whatsapp-media/")) await gate;
      return fetch(input, init);
    };
    const hook = createWhatsAppWebhook({
      config: config(),
      sink: memory.sink,
      state,
      now: () => NOW,
      fetch: slowFetch,
      ackDeadlineMs: 50,
      onRejected: (rejection) => rejections.push(rejection),
      onError: (error) => errors.push(error),
    });
    const response = await post(
      hook,
      notification([
        documentMessageValue(SHEENA, {
          phoneNumberId: PHONE_NUMBER_ID,
          id: "wamid.SLOW",
          mediaId,
          fileName: "slow.pdf",
          mimeType: "application/pdf",
        }),
      ]),
    );
    expect(response.status).toBe(200);
    expect(memory.items).toEqual([]);
    release();
    await hook.drain();
    expect(memory.items.map((item) => item.attachments?.[0]?.path)).toEqual([
      "Attachments/whatsapp/slow.pdf",
    ]);
    expect(errors).toEqual([]);
  });
});
