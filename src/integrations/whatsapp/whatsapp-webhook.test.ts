import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemoryTaskSink, type MemoryTaskSink } from "../../../test/support/memory-task-sink.js";
import { signedWebhookPost } from "../../../test/fakes/graph/sign-webhook.js";
import {
  notification,
  statusValue,
  textMessageValue,
} from "../../../test/fakes/graph/whatsapp-webhook-payloads.js";
import { createStateStore, type StateStore } from "../../vault/state-store.js";
import { createWhatsAppWebhook, MAX_WEBHOOK_BODY_BYTES, type WebhookRejection } from "./whatsapp-webhook.js";

const PHONE_NUMBER_ID = "106540352242922";
const APP_SECRET = "app-secret-for-tests-0123456789";
const WEBHOOK_URL = "http://127.0.0.1/webhooks/whatsapp";
const SHEENA = { waId: "16505551234", name: "Sheena Nelson" };
const OMAR = { waId: "447700900123", name: "Omar Farouk" };
const NOW = new Date("2026-11-26T10:00:00Z");

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
});

afterEach(async () => {
  await rm(vaultRoot, { recursive: true, force: true });
});

/** These deliveries carry no media, so the Graph API is never called: its address is a closed port. */
function webhook() {
  return createWhatsAppWebhook({
    config: {
      appSecret: APP_SECRET,
      verifyToken: "verify-token-for-tests",
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: "EAAGtestaccesstokenunused000000000001",
      graphApiBaseUrl: "http://127.0.0.1:9/v26.0",
      sendReadReceipts: false,
      maxMediaBytes: 1024 * 1024,
    },
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

describe("the subscription handshake", () => {
  it("echoes the challenge for the right verify token", async () => {
    const response = await webhook().app.request(
      "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-token-for-tests&hub.challenge=1158201444",
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("1158201444");
    expect(rejections).toEqual([]);
  });

  it("refuses a wrong verify token with 403 and reports it", async () => {
    const response = await webhook().app.request(
      "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444",
    );
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("1158201444");
    expect(rejections.map((rejection) => rejection.reason)).toEqual(["wrong verify token"]);
  });

  it("answers 400 when the handshake parameters are missing", async () => {
    expect((await webhook().app.request("/webhooks/whatsapp?hub.challenge=1")).status).toBe(400);
  });
});

describe("signature checks", () => {
  const payload = notification([
    textMessageValue(SHEENA, { phoneNumberId: PHONE_NUMBER_ID, id: "wamid.A1", text: "hi" }),
  ]);

  it("refuses an unsigned post with 401 and creates nothing", async () => {
    const response = await post(webhook(), payload, { signature: null });
    expect(response.status).toBe(401);
    expect(memory.items).toEqual([]);
    expect(memory.quarantined).toEqual([]);
    expect(rejections.map((rejection) => rejection.reason)).toEqual(["missing signature"]);
  });

  it("refuses a post signed with another secret, a tampered body and a malformed header", async () => {
    const hook = webhook();
    const body = JSON.stringify(payload);
    const otherSecret = signedWebhookPost(WEBHOOK_URL, body, "not-the-app-secret");
    expect((await hook.app.request(otherSecret)).status).toBe(403);
    const signedOriginal = signedWebhookPost(WEBHOOK_URL, body, APP_SECRET).headers.get(
      "x-hub-signature-256",
    );
    const tampered = body.replace('"hi"', '"send the money to IBAN X"');
    expect((await post(hook, tampered, { signature: signedOriginal })).status).toBe(403);
    expect((await post(hook, payload, { signature: "sha256=abc" })).status).toBe(403);
    expect((await post(hook, payload, { signature: "sha1=" + "0".repeat(40) })).status).toBe(403);
    expect(memory.items).toEqual([]);
    expect(rejections.map((rejection) => rejection.reason)).toEqual([
      "bad signature",
      "bad signature",
      "bad signature",
      "bad signature",
    ]);
  });

  it("refuses an oversized body with 413 before reading it all", async () => {
    const huge = "x".repeat(MAX_WEBHOOK_BODY_BYTES + 1);
    const response = await post(webhook(), huge);
    expect(response.status).toBe(413);
    expect(rejections.map((rejection) => rejection.reason)).toEqual(["body too large"]);
    expect(memory.quarantined).toEqual([]);
  });
});

describe("hostile and unreadable bodies", () => {
  it("quarantines a signed body that is not JSON and answers 200", async () => {
    const response = await post(webhook(), "\u0000\u00ff{{{ not json");
    expect(response.status).toBe(200);
    expect(memory.items).toEqual([]);
    expect(memory.quarantined).toHaveLength(1);
    expect(memory.quarantined[0]?.reason).toMatch(/not JSON/);
  });

  it("quarantines signed JSON of an unknown shape or object", async () => {
    const hook = webhook();
    await post(hook, '{"object":"whatsapp_business_account","entry":"nope","__proto__":{"polluted":true}}');
    await post(hook, { object: "page", entry: [] });
    expect(memory.quarantined.map((item) => item.reason)).toEqual([
      expect.stringMatching(/unknown shape/),
      expect.stringMatching(/not a WhatsApp notification/),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("quarantines one malformed message and still files the rest of the batch", async () => {
    const good = textMessageValue(SHEENA, { phoneNumberId: PHONE_NUMBER_ID, id: "wamid.GOOD", text: "ok" });
    const bad = { ...good, messages: [{ from: SHEENA.waId, type: "text", text: { body: 42 } }] };
    await post(webhook(), notification([bad, good]));
    expect(memory.items.map((item) => item.externalId)).toEqual(["wamid.GOOD"]);
    expect(memory.quarantined).toHaveLength(1);
    expect(memory.quarantined[0]?.reason).toMatch(/could not be read/);
  });

  it("does not echo an unsigned garbage body anywhere", async () => {
    const response = await post(webhook(), "<script>alert(1)</script>", { signature: null });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain("script");
    expect(memory.quarantined).toEqual([]);
  });
});

describe("statuses", () => {
  it("records sent, delivered, read and failed against the outgoing message, never going backwards", async () => {
    const hook = webhook();
    const sent = { messageId: "wamid.OUT2", recipient: SHEENA.waId };
    await post(hook, notification([statusValue(PHONE_NUMBER_ID, { ...sent, status: "sent", timestamp: 1 })]));
    await post(hook, notification([statusValue(PHONE_NUMBER_ID, { ...sent, status: "read", timestamp: 3 })]));
    await post(
      hook,
      notification([statusValue(PHONE_NUMBER_ID, { ...sent, status: "delivered", timestamp: 2 })]),
    );
    expect(await hook.statuses.get("wamid.OUT2")).toMatchObject({
      status: "read",
      updatedAt: new Date(3000).toISOString(),
    });

    await post(
      hook,
      notification([
        statusValue(PHONE_NUMBER_ID, {
          messageId: "wamid.OUT3",
          status: "failed",
          recipient: OMAR.waId,
          errors: [{ code: 131047, title: "Re-engagement message" }],
        }),
      ]),
    );
    const failed = await hook.statuses.get("wamid.OUT3");
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toMatchObject({ code: 131047, title: "Re-engagement message" });
    expect(failed?.error?.explanation).toMatch(/24-hour window/);
    expect(memory.items).toEqual([]);
  });
});

describe("served by @hono/node-server, as the daemon mounts it", () => {
  it("answers over real HTTP and reports the caller's address with a refusal", async () => {
    const hook = webhook();
    const { port, close } = await new Promise<{ port: number; close: () => void }>((resolve) => {
      const server = serve({ fetch: hook.app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
        resolve({ port: info.port, close: () => server.close() }),
      );
    });
    try {
      const url = `http://127.0.0.1:${port}/webhooks/whatsapp`;
      const body = JSON.stringify(
        notification([
          textMessageValue(SHEENA, { phoneNumberId: PHONE_NUMBER_ID, id: "wamid.HTTP", text: "hi" }),
        ]),
      );
      expect((await fetch(signedWebhookPost(url, body, APP_SECRET, { signature: null }))).status).toBe(401);
      expect(rejections[0]).toMatchObject({
        reason: "missing signature",
        method: "POST",
        remoteAddress: "127.0.0.1",
      });
      const accepted = await fetch(signedWebhookPost(url, body, APP_SECRET));
      expect(accepted.status).toBe(200);
      expect(memory.items.map((item) => item.externalId)).toEqual(["wamid.HTTP"]);
    } finally {
      close();
    }
  });
});
