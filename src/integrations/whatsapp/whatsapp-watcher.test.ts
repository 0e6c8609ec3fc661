import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { SystemError } from "../../governance/errors/system-error.js";
import { createWhatsAppWebhook } from "./whatsapp-webhook.js";
import { createWhatsAppWatcher } from "./whatsapp-watcher.js";

function webhook() {
  return createWhatsAppWebhook({
    config: {
      appSecret: "app-secret-for-tests-0123456789",
      verifyToken: "verify-token-for-tests",
      phoneNumberId: "106540352242922",
      accessToken: "EAAGtestaccesstokenunused000000000002",
      graphApiBaseUrl: "http://127.0.0.1:9/v26.0",
      sendReadReceipts: false,
      maxMediaBytes: 1024,
    },
    sink: {
      submit: async () => ({ created: true, id: "t" }),
      quarantine: async () => undefined,
      saveAttachment: async () => "",
    },
    state: { read: async () => undefined, write: async () => undefined },
    now: () => new Date("2026-11-26T10:00:00Z"),
    onRejected: () => undefined,
    onError: () => undefined,
  });
}

describe("createWhatsAppWatcher", () => {
  it("serves the webhook on loopback until the signal aborts", async () => {
    const controller = new AbortController();
    let port = 0;
    let markListening: () => void = () => undefined;
    const listening = new Promise<void>((resolve) => {
      markListening = resolve;
    });
    const watcher = createWhatsAppWatcher({
      webhook: webhook(),
      port: 0,
      onListening: (address) => {
        port = address.port;
        markListening();
      },
    });
    const done = watcher.listen!(controller.signal);
    await Promise.race([listening, done]);
    const response = await fetch(
      `http://127.0.0.1:${port}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-token-for-tests&hub.challenge=42`,
    );
    expect(await response.text()).toBe("42");
    controller.abort();
    await expect(done).resolves.toBeUndefined();
    await expect(fetch(`http://127.0.0.1:${port}/webhooks/whatsapp`)).rejects.toThrow();
  });

  it("fails with a SystemError naming WHATSAPP_WEBHOOK_PORT when the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const watcher = createWhatsAppWatcher({ webhook: webhook(), port: taken });
      const error = await watcher.listen!(new AbortController().signal).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SystemError);
      expect((error as Error).message).toMatch(/WHATSAPP_WEBHOOK_PORT/);
    } finally {
      blocker.close();
    }
  });

  it("has nothing to poll", async () => {
    const watcher = createWhatsAppWatcher({ webhook: webhook(), port: 0 });
    expect(watcher.pollIntervalSeconds).toBeUndefined();
    expect(await watcher.poll()).toBe(0);
  });
});
