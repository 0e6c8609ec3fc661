/**
 * Issue 6's scenario through the built CLI: a known client's email arrives in a real (private) Dovecot
 * INBOX, one pass turns it into an `email` task with a threaded reply waiting for approval, the person
 * approves from the command line, and the second pass sends exactly that reply through SMTP (a sink).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, list, read, runCli, tempVault } from "../support/cli.js";
import { dovecotAvailable, startDovecot, type DovecotServer } from "../fakes/dovecot/dovecot-server.js";
import { createSmtpSink } from "../fakes/smtp-sink/smtp-sink.js";
import { frontMatter } from "../support/front-matter.js";

const MESSAGE_ID = "<quote-1@client-a.example>";
const QUOTE_REQUEST = [
  "From: Ana Costa <ana@client-a.example>",
  "To: Owner <owner@business.example>",
  "Subject: Website maintenance",
  `Message-ID: ${MESSAGE_ID}`,
  `Date: ${new Date().toUTCString()}`,
  "MIME-Version: 1.0",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "Hello, how much is website maintenance? Thanks, Ana",
  "",
].join("\r\n");

describe.skipIf(!dovecotAvailable())("email end to end: IMAP in, approval, SMTP out", () => {
  let dovecot: DovecotServer;
  beforeAll(async () => {
    dovecot = await startDovecot();
  }, 30_000);
  afterAll(async () => {
    await dovecot?.close();
  });

  it("replies to a known client's quote request, threaded, once approved", { timeout: 120_000 }, async () => {
    const mailbox = await dovecot.addUser();
    const sink = createSmtpSink({ user: mailbox.user, password: mailbox.password });
    const smtp = await sink.start();
    try {
      await dovecot.deliver(QUOTE_REQUEST, { user: mailbox.user });
      const vault = await tempVault();
      const env = cleanEnv({
        AI_EMPLOYEE_VAULT: vault,
        DRY_RUN: "false",
        IMAP_HOST: dovecot.host,
        IMAP_PORT: String(dovecot.port),
        IMAP_USER: mailbox.user,
        IMAP_PASSWORD: mailbox.password,
        IMAP_TLS: "false",
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        SMTP_TLS: "false",
        EMAIL_ADDRESS: "owner@business.example",
      });
      expect((await runCli(["init"], { env })).code).toBe(0);

      const first = await runCli(["run", "--once"], { env });
      expect(first.stderr).not.toMatch(/error/i);
      expect(first.code).toBe(0);
      const waiting = await list(vault, "In_Progress/local");
      expect(waiting).toHaveLength(1);
      const task = frontMatter(await read(vault, `In_Progress/local/${waiting[0]}`));
      expect(task).toMatchObject({
        type: "email",
        from: "ana@client-a.example",
        contact: "known",
        status: "awaiting_approval",
      });
      const requests = await list(vault, "Pending_Approval");
      expect(requests).toHaveLength(1);
      const request = frontMatter(await read(vault, `Pending_Approval/${requests[0]}`));
      expect(request).toMatchObject({ tool: "reply_email", status: "pending", task: task.id });
      expect(sink.messages).toHaveLength(0);

      expect((await runCli(["approve", String(request.id)], { env })).code).toBe(0);
      const second = await runCli(["run", "--once"], { env });
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/1 executed/);

      expect(sink.messages).toHaveLength(1);
      const [sent] = sink.messages;
      expect(sent!.to).toEqual(["ana@client-a.example"]);
      const raw = sent!.raw.toString("utf8");
      expect(raw).toMatch(new RegExp(`^In-Reply-To: ${MESSAGE_ID.replace(/[.]/g, "\\.")}\\r?$`, "m"));
      expect(raw).toMatch(/^Subject: Re: Website maintenance\r?$/m);
      expect(await list(vault, "Outbox")).toEqual([]);

      const logs = await runCli(["logs", "--json"], { env });
      const lines = logs.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const sends = lines.filter(
        (line) => /^(reply|send)_email$/.test(String(line.action_type)) && line.result === "success",
      );
      expect(sends).toHaveLength(1);
      expect(sends[0]).toMatchObject({ dry_run: false, approval_status: "approved", task_id: task.id });

      expect(await list(vault, "In_Progress/local")).toEqual([]);
      expect(await list(vault, "Done")).toEqual(expect.arrayContaining([waiting[0], requests[0]]));
      expect(frontMatter(await read(vault, `Done/${waiting[0]}`))).toMatchObject({ status: "done" });
    } finally {
      await smtp.close();
    }
  });
});
