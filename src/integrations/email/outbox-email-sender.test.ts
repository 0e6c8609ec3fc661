import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOutbox } from "../../vault/outbox.js";
import { createOutboxEmailSender, PLACEHOLDER_FROM } from "./outbox-email-sender.js";

let vault: string;
const now = () => new Date("2026-03-02T10:00:00Z");

beforeEach(async () => {
  vault = await mkdtemp(path.join(tmpdir(), "outbox-vault-"));
  await mkdir(path.join(vault, "Accounting", "Invoices"), { recursive: true });
  await writeFile(path.join(vault, "Accounting", "Invoices", "INV-7.pdf"), "%PDF invoice seven");
});

afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

function sender(account: { from: string | undefined } = { from: "Business <me@business.example>" }) {
  return createOutboxEmailSender({
    outbox: createOutbox(vault, now),
    from: account.from,
    vaultRoot: vault,
    maxAttachmentBytes: 1024 * 1024,
    now,
    randomId: () => "dry-1",
  });
}

describe("Outbox email sender (dry run)", () => {
  it("renders the exact .eml of a threaded reply, attachment and Bcc included, without sending", async () => {
    const delivery = await sender().reply({
      to: ["ana@client.example"],
      cc: ["bob@client.example"],
      bcc: ["audit@business.example"],
      subject: "Re: Quote please",
      text: "Quote attached.",
      attachments: [
        { path: "Accounting/Invoices/INV-7.pdf" },
        { filename: "../notes.txt", content: Buffer.from("notes") },
      ],
      thread: { inReplyTo: "<q1@client.example>", references: ["<root@client.example>"], threadId: "18c4" },
    });
    expect(delivery).toMatchObject({ dryRun: true, messageId: "<dry-1@business.example>", threadId: "18c4" });
    expect(delivery.outboxPath).toMatch(/^Outbox\/2026-03-02T10-00-00-000Z_reply_re-quote-please\.eml$/);
    expect(await readdir(path.join(vault, "Outbox"))).toHaveLength(1);

    const parsed = await simpleParser(await readFile(path.join(vault, delivery.outboxPath!)));
    expect(parsed.from?.value).toEqual([{ name: "Business", address: "me@business.example" }]);
    expect(parsed.subject).toBe("Re: Quote please");
    expect(parsed.date?.toISOString()).toBe("2026-03-02T10:00:00.000Z");
    expect(parsed.inReplyTo).toBe("<q1@client.example>");
    expect(parsed.references).toEqual(["<root@client.example>", "<q1@client.example>"]);
    expect(parsed.bcc).toBeDefined();
    expect(parsed.attachments.map((attachment) => attachment.filename)).toEqual(["INV-7.pdf", "_notes.txt"]);
    expect(delivery.recipients).toEqual([
      "ana@client.example",
      "bob@client.example",
      "audit@business.example",
    ]);
  });

  it("renders sends and drafts too, with a placeholder From when no account is configured", async () => {
    const outbox = sender({ from: undefined });
    const sent = await outbox.send({ to: ["ana@client.example"], subject: "Hello", text: "Hi" });
    const drafted = await outbox.draft({ to: ["ana@client.example"], subject: "Draft", text: "Later" });
    expect(sent.outboxPath).toContain("_email_hello.eml");
    expect(drafted.outboxPath).toContain("_draft_draft.eml");
    const parsed = await simpleParser(await readFile(path.join(vault, sent.outboxPath!)));
    expect(parsed.from?.text).toBe(PLACEHOLDER_FROM);
    expect(parsed.inReplyTo).toBeUndefined();
  });
});
