import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeGraphServer } from "../../../test/fakes/graph/server.js";
import { createWhatsAppFake } from "../../../test/fakes/graph/whatsapp-routes.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { createOutbox } from "../../vault/outbox.js";
import { createStateStore, type StateStore } from "../../vault/state-store.js";
import type { ToolDefinition } from "../tool-definition.js";
import { createChatRecord, type ChatRecord } from "./chat-record.js";
import { createCloudApiChannel } from "./cloud-api-channel.js";
import { createMessageStatuses, type MessageStatuses } from "./message-statuses.js";
import { createOutboxWhatsAppChannel } from "./outbox-whatsapp-channel.js";
import type { WhatsAppChannel } from "./whatsapp-channel.js";
import { createWhatsAppTools } from "./whatsapp-tools.js";

const NOW = new Date("2026-11-26T10:00:00Z");
const CLIENT = "16505551234";
const INVOICE = "Accounting/Invoices/INV-2026-014.pdf";
const PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

let root: string;
let vault: string;
let state: StateStore;
let chats: ChatRecord;
let statuses: MessageStatuses;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "whatsapp-tools-"));
  vault = path.join(root, "vault");
  await mkdir(path.join(vault, "Accounting", "Invoices"), { recursive: true });
  await writeFile(path.join(vault, INVOICE), PDF);
  await writeFile(path.join(root, "outside.pdf"), "%PDF secret");
  state = createStateStore(path.join(vault, ".ai-employee", "state"));
  chats = createChatRecord(state);
  statuses = createMessageStatuses(state, () => NOW);
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
  await rm(root, { recursive: true, force: true });
});

function tools(channel: WhatsAppChannel): Record<string, ToolDefinition> {
  return Object.fromEntries(
    createWhatsAppTools({ channel, statuses, vaultRoot: vault }).map((tool) => [tool.name, tool]),
  );
}

function outboxChannel(): WhatsAppChannel {
  return createOutboxWhatsAppChannel({ outbox: createOutbox(vault, () => NOW), chats, now: () => NOW });
}

function run(tool: ToolDefinition | undefined, input: Record<string, unknown>) {
  const parsed = tool!.input.parse(input);
  return tool!.run(parsed, new AbortController().signal);
}

describe("send_whatsapp", () => {
  it("is a write tool whose facts name the normalised recipient, the document and the links", () => {
    const tool = tools(outboxChannel()).send_whatsapp!;
    expect(tool.effect).toBe("write");
    const facts = tool.facts!(
      tool.input.parse({
        to: "+1 (650) 555-1234",
        text: "Invoice attached, pay at https://pay.example.com/i/14",
        document: INVOICE,
      }),
    );
    expect(facts).toEqual({
      category: "message",
      recipients: [CLIENT],
      count: 1,
      links: ["https://pay.example.com/i/14"],
      summary: `WhatsApp to +${CLIENT}: "Invoice attached, pay at https://pay.example.com/i/14" with ${INVOICE}`,
    });
  });

  it("refuses a recipient that is not a phone number and a caption over 1024 characters", () => {
    const tool = tools(outboxChannel()).send_whatsapp!;
    expect(tool.input.safeParse({ to: "Sheena", text: "hi" }).success).toBe(false);
    expect(tool.input.safeParse({ to: CLIENT, text: "x".repeat(1025), document: INVOICE }).success).toBe(
      false,
    );
    expect(tool.input.safeParse({ to: CLIENT, text: "x".repeat(1025) }).success).toBe(true);
  });

  it("renders a dry run to the Outbox as Markdown and says so", async () => {
    const text = "Hi Sheena,\n```\nhere it is\n```";
    const result = await run(tools(outboxChannel()).send_whatsapp, { to: `+${CLIENT}`, text });
    expect(result.dryRun).toBe(true);
    expect(result.text).toMatch(/^Dry run/);
    const outboxPath = result.data?.outboxPath as string;
    expect(outboxPath).toMatch(/^Outbox\/.*whatsapp_16505551234\.md$/);
    const markdown = await readFile(path.join(vault, outboxPath), "utf8");
    expect(markdown).toContain("# WhatsApp message (dry run)");
    expect(markdown).toContain(`**To:** +${CLIENT}`);
    expect(markdown).toContain(`\`\`\`\`text\n${text}\n\`\`\`\``);
  });

  it("renders a dry-run document with its vault path and caption", async () => {
    const result = await run(tools(outboxChannel()).send_whatsapp, {
      to: CLIENT,
      text: "Invoice for October",
      document: INVOICE,
    });
    const markdown = await readFile(path.join(vault, result.data?.outboxPath as string), "utf8");
    expect(markdown).toContain("`INV-2026-014.pdf` (application/pdf)");
    expect(markdown).toContain(`uploaded from \`${INVOICE}\``);
    expect(markdown).toContain("## Caption");
    expect(result.data).toMatchObject({ document: INVOICE, channel: "outbox" });
  });

  it("sends the vault document through the Cloud API", async () => {
    const whatsapp = createWhatsAppFake({ phoneNumberId: "106540352242922", openWindows: [CLIENT] });
    const server = createFakeGraphServer({
      accessToken: "EAAGtoken-tools-test-000000000001",
      routes: whatsapp.routes,
    });
    const { url, close } = await server.start();
    cleanups.push(close);
    const channel = createCloudApiChannel({
      config: {
        phoneNumberId: "106540352242922",
        accessToken: "EAAGtoken-tools-test-000000000001",
        graphApiBaseUrl: `${url}/v26.0`,
        appSecret: "app-secret-for-tests-0123456789",
      },
      chats,
      now: () => NOW,
    });
    const result = await run(tools(channel).send_whatsapp, {
      to: CLIENT,
      text: "Invoice for October",
      document: INVOICE,
    });
    expect(result.dryRun).toBeUndefined();
    expect(result.data?.messageId).toBe(whatsapp.sent[0]?.id);
    expect(whatsapp.sent).toHaveLength(1);
    expect(Buffer.from([...whatsapp.media.values()][0]!.content).toString()).toBe(PDF);
  });

  it("refuses documents outside the vault, in dot-folders, through symlinks, missing or of the wrong type", async () => {
    await mkdir(path.join(vault, ".ai-employee"), { recursive: true });
    await writeFile(path.join(vault, ".ai-employee", "ledger.pdf"), "%PDF");
    await symlink(path.join(root, "outside.pdf"), path.join(vault, "Accounting", "link.pdf"));
    await writeFile(path.join(vault, "Accounting", "tool.exe"), "MZ");
    const tool = tools(outboxChannel()).send_whatsapp;
    for (const document of [
      "../outside.pdf",
      path.join(root, "outside.pdf"),
      ".ai-employee/ledger.pdf",
      "Accounting/link.pdf",
      "Accounting/missing.pdf",
      "Accounting/tool.exe",
    ]) {
      await expect(run(tool, { to: CLIENT, text: "hi", document }), document).rejects.toBeInstanceOf(
        LogicError,
      );
    }
  });
});

describe("list_chats", () => {
  it("lists recent chats newest first with the state of the last reply", async () => {
    await chats.note({
      chat: CLIENT,
      kind: "individual",
      name: "Sheena Nelson",
      messageId: "wamid.1",
      at: new Date("2026-11-25T09:00:00Z"),
    });
    await chats.note({
      chat: "447700900123",
      kind: "individual",
      name: "Omar",
      messageId: "wamid.2",
      at: new Date("2026-11-26T08:00:00Z"),
    });
    await chats.note({
      chat: CLIENT,
      kind: "individual",
      name: undefined,
      messageId: "wamid.3",
      at: new Date("2026-11-26T09:30:00Z"),
    });
    await statuses.record([
      {
        id: "wamid.OUT",
        status: "failed",
        recipient_id: "447700900123",
        timestamp: "1764150000",
        errors: [{ code: 131047, title: "Re-engagement message" }],
      },
    ]);
    const tool = tools(outboxChannel()).list_chats!;
    expect(tool.effect).toBe("read");
    const result = await run(tool, {});
    const lines = result.text.split("\n").slice(1);
    expect(lines).toEqual([
      `- +${CLIENT} "Sheena Nelson": 2 message(s), last at 2026-11-26T09:30:00.000Z`,
      `- +447700900123 "Omar": 1 message(s), last at 2026-11-26T08:00:00.000Z; last reply failed (outside the 24-hour window: the client must write first or a template message is needed)`,
    ]);
    expect((await run(tool, { limit: 1 })).text.split("\n")).toHaveLength(2);
  });

  it("says when there are no chats yet", async () => {
    expect((await run(tools(outboxChannel()).list_chats, {})).text).toBe("No WhatsApp chats recorded yet.");
  });
});
