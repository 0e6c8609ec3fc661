import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeGraphServer, type FakeGraphServer } from "../../../test/fakes/graph/server.js";
import { createWhatsAppFake, type WhatsAppFakeOptions } from "../../../test/fakes/graph/whatsapp-routes.js";
import { AuthError } from "../../governance/errors/auth-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createStateStore } from "../../vault/state-store.js";
import { createChatRecord } from "./chat-record.js";
import { createCloudApiChannel } from "./cloud-api-channel.js";

const PHONE_NUMBER_ID = "106540352242922";
const ACCESS_TOKEN = "EAAGtestaccesstokenforthefakegraphserver0002";
const CLIENT = "16505551234";
const NOW = new Date("2026-11-26T10:00:00Z");

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setUp(options: Partial<WhatsAppFakeOptions> = {}) {
  const whatsapp = createWhatsAppFake({ phoneNumberId: PHONE_NUMBER_ID, openWindows: [CLIENT], ...options });
  const server: FakeGraphServer = createFakeGraphServer({
    accessToken: ACCESS_TOKEN,
    routes: whatsapp.routes,
  });
  const { url, close } = await server.start();
  const vault = await mkdtemp(path.join(tmpdir(), "whatsapp-channel-"));
  cleanups.push(close, () => rm(vault, { recursive: true, force: true }));
  const channel = createCloudApiChannel({
    config: {
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: ACCESS_TOKEN,
      graphApiBaseUrl: `${url}/v26.0`,
      appSecret: "app-secret-for-tests-0123456789",
    },
    chats: createChatRecord(createStateStore(path.join(vault, ".ai-employee", "state"))),
    now: () => NOW,
  });
  return { whatsapp, server, channel };
}

describe("sending through the Cloud API", () => {
  it("sends a text and returns the wamid", async () => {
    const { whatsapp, server, channel } = await setUp();
    const sent = await channel.sendText({ to: CLIENT, text: "Your invoice is on its way." });
    expect(sent).toMatchObject({ recipient: CLIENT, dryRun: false });
    expect(sent.messageId).toMatch(/^wamid\./);
    expect(whatsapp.sent).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({
      method: "POST",
      path: `/v26.0/${PHONE_NUMBER_ID}/messages`,
      authorization: `Bearer ${ACCESS_TOKEN}`,
      body: {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: CLIENT,
        type: "text",
        text: { body: "Your invoice is on its way.", preview_url: false },
      },
    });
  });

  it("uploads a document as multipart media, then sends it by media id with a caption", async () => {
    const { whatsapp, server, channel } = await setUp();
    const pdf = new TextEncoder().encode("%PDF-1.7 invoice INV-2026-014 %%EOF");
    const sent = await channel.sendDocument({
      to: CLIENT,
      document: {
        fileName: "INV-2026-014.pdf",
        mediaType: "application/pdf",
        source: { kind: "upload", content: pdf },
      },
      caption: "Invoice for October",
    });
    expect(sent.messageId).toMatch(/^wamid\./);
    expect(server.calls.map((call) => call.path)).toEqual([
      `/v26.0/${PHONE_NUMBER_ID}/media`,
      `/v26.0/${PHONE_NUMBER_ID}/messages`,
    ]);
    expect(server.calls[0]?.body).toMatchObject({
      messaging_product: "whatsapp",
      type: "application/pdf",
      file: { name: "INV-2026-014.pdf", type: "application/pdf", size: pdf.length },
    });
    const uploaded = [...whatsapp.media.values()][0];
    expect(Buffer.from(uploaded!.content)).toEqual(Buffer.from(pdf));
    expect(whatsapp.sent[0]?.body).toMatchObject({
      type: "document",
      document: { id: uploaded!.id, filename: "INV-2026-014.pdf", caption: "Invoice for October" },
    });
  });

  it("sends a document by link", async () => {
    const { whatsapp, channel } = await setUp();
    await channel.sendDocument({
      to: CLIENT,
      document: {
        fileName: "terms.pdf",
        mediaType: "application/pdf",
        source: { kind: "link", url: "https://example.com/terms.pdf" },
      },
    });
    expect(whatsapp.sent[0]?.body).toMatchObject({
      document: { link: "https://example.com/terms.pdf", filename: "terms.pdf" },
    });
  });
});

describe("Graph errors become typed errors", () => {
  it("maps an expired token (190) to AuthError that names the fix and never the token", async () => {
    const { server, channel } = await setUp();
    server.expireToken();
    const error = await channel.sendText({ to: CLIENT, text: "hi" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/WHATSAPP_ACCESS_TOKEN/);
    expect((error as Error).message).toMatch(/Graph error 190\/463/);
    expect((error as Error).message).not.toContain(ACCESS_TOKEN);
  });

  it("maps a message outside the 24-hour window (131047) to LogicError telling the person what to do", async () => {
    const { whatsapp, channel } = await setUp();
    const error = await channel
      .sendText({ to: "447700900123", text: "hello" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogicError);
    expect((error as Error).message).toContain(
      "outside the 24-hour window: the client must write first or a template message is needed",
    );
    expect(whatsapp.sent).toEqual([]);
  });

  it("maps the app's call limit (HTTP 429, code 4) to RateLimitError with the reset Meta estimates", async () => {
    const { channel } = await setUp({ appCallLimit: 0, regainAccessMinutes: 7 });
    const error = await channel.sendText({ to: CLIENT, text: "hi" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt).toEqual(new Date(NOW.getTime() + 7 * 60_000));
    expect((error as Error).message).toMatch(/Graph error 4\b/);
  });

  it("maps the account's rate limit (80007) to RateLimitError", async () => {
    const { whatsapp, channel } = await setUp({ accountMessageLimit: 1 });
    await channel.sendText({ to: CLIENT, text: "first" });
    const error = await channel.sendText({ to: CLIENT, text: "second" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toMatch(/80007/);
    expect(whatsapp.sent).toHaveLength(1);
  });

  it("maps a 5xx to TransientError", async () => {
    const { whatsapp, channel } = await setUp();
    whatsapp.injectFault({ status: 503 });
    const error = await channel.sendText({ to: CLIENT, text: "hi" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).not.toBeInstanceOf(RateLimitError);
  });

  it("maps an unreachable Graph host to TransientError", async () => {
    const { channel } = await setUp();
    const closeServer = cleanups.shift();
    await closeServer?.();
    const error = await channel.sendText({ to: CLIENT, text: "hi" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(/Could not reach the Graph API/);
  });
});
