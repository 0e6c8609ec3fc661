/**
 * Issue 8's scenario through the built CLI: an invoice request from a known client dropped in `Inbox/`
 * becomes a draft invoice in Odoo (a fake Odoo 17 over JSON-RPC) and an email (a send-only SMTP account
 * into a sink) once both are approved; the week's briefing then names the finished task.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, list, read, runCli, tempVault } from "../support/cli.js";
import { createFakeOdoo, FAKE_ADMIN } from "../fakes/odoo/fake-odoo.js";
import { createSmtpSink } from "../fakes/smtp-sink/smtp-sink.js";
import { frontMatter } from "../support/front-matter.js";

const INVOICE_REQUEST = [
  "From: Ana Costa <ana@client-a.example>",
  "Subject: Invoice for this month",
  "",
  "Hi! Could you send me the invoice for this month's retainer?",
  "",
].join("\n");

describe("Odoo end to end: an invoice request, two approvals, a draft invoice and an email", () => {
  const odoo = createFakeOdoo({ database: "acme" });
  const sink = createSmtpSink();
  let odooServer: { url: string; close: () => Promise<void> };
  let smtp: Awaited<ReturnType<typeof sink.start>>;
  beforeAll(async () => {
    odooServer = await odoo.start();
    smtp = await sink.start();
  });
  afterAll(async () => {
    await odooServer?.close();
    await smtp?.close();
  });

  it("drafts the invoice in Odoo and emails the client once approved", { timeout: 120_000 }, async () => {
    const vault = await tempVault();
    const env = cleanEnv({
      AI_EMPLOYEE_VAULT: vault,
      DRY_RUN: "false",
      ODOO_URL: odooServer.url,
      ODOO_DB: "acme",
      ODOO_USER: FAKE_ADMIN.login,
      ODOO_API_KEY: FAKE_ADMIN.apiKey ?? "",
      SMTP_HOST: smtp.host,
      SMTP_PORT: String(smtp.port),
      SMTP_TLS: "false",
      EMAIL_ADDRESS: "owner@business.example",
    });
    expect((await runCli(["init"], { env })).code).toBe(0);
    await writeFile(path.join(vault, "Inbox", "invoice-request.txt"), INVOICE_REQUEST);
    const invoicesBefore = odoo.records("account.move").length;

    const first = await runCli(["run", "--once"], { env });
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    const waiting = await list(vault, "In_Progress/local");
    expect(waiting).toHaveLength(1);
    const task = frontMatter(await read(vault, `In_Progress/local/${waiting[0]}`));
    expect(task).toMatchObject({
      from: "ana@client-a.example",
      contact: "known",
      status: "awaiting_approval",
    });
    const requests = await list(vault, "Pending_Approval");
    expect(requests.map((name) => name.split("_").slice(0, 2).join("_")).sort()).toEqual([
      "CREATE_INVOICE",
      "SEND_EMAIL",
    ]);
    expect(odoo.records("account.move")).toHaveLength(invoicesBefore);
    expect(sink.messages).toHaveLength(0);

    for (const name of requests) {
      const id = String(frontMatter(await read(vault, `Pending_Approval/${name}`)).id);
      expect((await runCli(["approve", id], { env })).code).toBe(0);
    }
    const second = await runCli(["run", "--once"], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/2 executed/);

    const invoices = odoo.records("account.move").filter((move) => move.move_type === "out_invoice");
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ state: "draft" });
    const partners = odoo.records("res.partner").filter((partner) => partner.id === partnerId(invoices[0]!));
    expect(partners).toEqual([expect.objectContaining({ email: "ana@client-a.example" })]);
    // Priced from Accounting/Rates.md: the contact's monthly retainer.
    const lines = odoo.records("account.move.line").filter((line) => line.move_id === invoices[0]!.id);
    expect(lines).toEqual([expect.objectContaining({ quantity: 1, price_unit: 2000 })]);

    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.to).toEqual(["ana@client-a.example"]);
    expect(sink.messages[0]!.raw.toString("utf8")).toMatch(/^Subject: Re: Invoice for this month\r?$/m);
    expect((await list(vault, "Outbox")).filter((name) => name.endsWith(".eml"))).toEqual([]);

    expect(await list(vault, "In_Progress/local")).toEqual([]);
    expect(frontMatter(await read(vault, `Done/${waiting[0]}`))).toMatchObject({ status: "done" });

    const briefing = await runCli(["briefing", "--week", new Date().toISOString().slice(0, 10)], { env });
    expect(briefing.code).toBe(0);
    const briefings = await list(vault, "Briefings");
    expect(briefings).toHaveLength(1);
    const text = await read(vault, `Briefings/${briefings[0]}`);
    expect(text).toContain(`[[${waiting[0]!.replace(/\.md$/, "")}]]`);
  });
});

function partnerId(move: Record<string, unknown>): unknown {
  const value = move.partner_id;
  return Array.isArray(value) ? value[0] : value;
}
