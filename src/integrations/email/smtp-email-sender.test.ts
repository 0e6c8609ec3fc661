import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSmtpSink, type SmtpSink } from "../../../test/fakes/smtp-sink/smtp-sink.js";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import type { SmtpSettings } from "./email-account-config.js";
import type { EmailSender } from "./email-sender.js";
import { createSmtpEmailSender } from "./smtp-email-sender.js";

let sink: SmtpSink;
let server: { host: string; port: number; close: () => Promise<void> };
let vault: string;
const senders: EmailSender[] = [];

beforeEach(async () => {
  sink = createSmtpSink({
    user: "me@business.example",
    password: "smtp-secret-pass",
    rejectRecipients: ["gone@client.example"],
  });
  server = await sink.start();
  vault = await mkdtemp(path.join(tmpdir(), "smtp-vault-"));
  await mkdir(path.join(vault, "Accounting", "Invoices"), { recursive: true });
  await writeFile(path.join(vault, "Accounting", "Invoices", "INV-2026-001.pdf"), "%PDF-1.4 invoice");
  await mkdir(path.join(vault, ".ai-employee", "state"), { recursive: true });
  await writeFile(path.join(vault, ".ai-employee", "state", "cursor.json"), "{}");
});

afterEach(async () => {
  for (const sender of senders.splice(0)) await sender.close?.();
  await server.close();
  await rm(vault, { recursive: true, force: true });
});

function sender(auth: SmtpSettings["auth"] = { user: "me@business.example", password: "smtp-secret-pass" }) {
  const created = createSmtpEmailSender({
    smtp: { host: server.host, port: server.port, tls: "none", auth },
    drafts: undefined,
    from: "Business <me@business.example>",
    vaultRoot: vault,
    maxAttachmentBytes: 1024 * 1024,
    now: () => new Date("2026-03-02T10:00:00Z"),
    randomId: () => "fixed-id",
  });
  senders.push(created);
  return created;
}

describe("SMTP sender against an SMTP sink", () => {
  it("delivers exactly one threaded reply with the invoice attached", async () => {
    const delivery = await sender().reply({
      to: ["ana@client.example"],
      bcc: ["audit@business.example"],
      subject: "Quote please",
      text: "Here is the invoice.",
      attachments: [{ path: "Accounting/Invoices/INV-2026-001.pdf" }],
      thread: { inReplyTo: "<q1@client.example>", references: ["<root@client.example>"] },
    });
    expect(delivery).toMatchObject({ messageId: "<fixed-id@business.example>", dryRun: false });
    expect(delivery.recipients.sort()).toEqual(["ana@client.example", "audit@business.example"]);

    expect(sink.messages).toHaveLength(1);
    const [message] = sink.messages;
    expect(message?.from).toBe("me@business.example");
    expect(message?.to.sort()).toEqual(["ana@client.example", "audit@business.example"]);
    expect(message?.user).toBe("me@business.example");
    const parsed = await simpleParser(message!.raw);
    expect(parsed.subject).toBe("Re: Quote please");
    expect(parsed.messageId).toBe("<fixed-id@business.example>");
    expect(parsed.inReplyTo).toBe("<q1@client.example>");
    expect(parsed.references).toEqual(["<root@client.example>", "<q1@client.example>"]);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.text?.trim()).toBe("Here is the invoice.");
    expect(
      parsed.attachments.map((attachment) => [attachment.filename, attachment.content.toString()]),
    ).toEqual([["INV-2026-001.pdf", "%PDF-1.4 invoice"]]);
  });

  it("reports recipients the server refused", async () => {
    const delivery = await sender().send({
      to: ["ana@client.example", "gone@client.example"],
      subject: "Hi",
      text: "hello",
    });
    expect(delivery.recipients).toEqual(["ana@client.example"]);
    expect(delivery.rejected).toEqual(["gone@client.example"]);
  });

  it("maps a refused login to AuthError without the password", async () => {
    const error = await sender({ user: "me@business.example", password: "wrong-password-123" })
      .send({ to: ["ana@client.example"], subject: "Hi", text: "hello" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain("SMTP_PASSWORD");
    expect((error as Error).message).not.toContain("wrong-password-123");
    expect(sink.messages).toHaveLength(0);
  });

  it("refuses attachments outside the vault or from the employee's own state", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "outside-"));
    await writeFile(path.join(outside, "secret.txt"), "secret");
    await symlink(path.join(outside, "secret.txt"), path.join(vault, "link.txt"));
    for (const attachment of [
      "../etc/passwd",
      path.join(outside, "secret.txt"),
      "link.txt",
      ".ai-employee/state/cursor.json",
      "missing.pdf",
    ]) {
      const error = await sender()
        .send({ to: ["ana@client.example"], subject: "Hi", text: "x", attachments: [{ path: attachment }] })
        .catch((caught: unknown) => caught);
      expect(error, attachment).toBeInstanceOf(DataError);
    }
    expect(sink.messages).toHaveLength(0);
    await rm(outside, { recursive: true, force: true });
  });

  it("needs IMAP for drafts", async () => {
    const error = await sender()
      .draft({ to: ["ana@client.example"], subject: "Hi", text: "x" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogicError);
    expect((error as Error).message).toContain("IMAP_HOST");
  });
});
