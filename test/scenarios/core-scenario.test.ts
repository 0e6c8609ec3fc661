/**
 * The core issue's scenario, through the built CLI as a person runs it: drops in `Inbox/`, one pass,
 * the task, plan, approval requests and dashboard; approval from the command line; a second pass; the
 * Outbox artifact, the audit log, `Done/` and the dashboard's recent activity.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, cleanEnv, list, NODE_FLAGS, read, runCli, tempVault } from "../support/cli.js";
import { frontMatter } from "../support/front-matter.js";

const INVOICE_REQUEST = [
  "From: Ana Costa <ana@client-a.example>",
  "Subject: Invoice for this month",
  "",
  "Hi! Could you send me the invoice for this month's retainer? We paid $1,500 for the 2025 work already.",
  "",
].join("\n");

describe("the employee's core, end to end through the CLI", () => {
  it(
    "turns an invoice request into approvals, and runs exactly what was approved",
    { timeout: 120_000 },
    async () => {
      const vault = await tempVault();
      const env = cleanEnv({ AI_EMPLOYEE_VAULT: vault });
      expect((await runCli(["init"], { env })).code).toBe(0);
      await writeFile(path.join(vault, "Inbox", "invoice-request.txt"), INVOICE_REQUEST);
      await writeFile(
        path.join(vault, "Inbox", "scan.bin"),
        Buffer.concat([Buffer.from([0, 1, 2, 0, 255]), randomBytes(4096)]),
      );
      const hostile = `..\u0001evil ${"x".repeat(200)}.txt`;
      await writeFile(path.join(vault, "Inbox", hostile), "just a note");

      const first = await runCli(["run", "--once"], { env });
      expect(first.stderr).not.toMatch(/error/i);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/3 collected/);
      expect(await list(vault, "Needs_Action")).toEqual([]);
      expect(await list(vault, "Inbox")).toEqual([]);

      // The invoice request waits for a person; the binary and the hostile name are filed as done.
      const waiting = await list(vault, "In_Progress/local");
      expect(waiting).toHaveLength(1);
      const task = frontMatter(await read(vault, `In_Progress/local/${waiting[0]}`));
      expect(task).toMatchObject({
        type: "file_drop",
        from: "ana@client-a.example",
        contact: "known",
        status: "awaiting_approval",
        priority: "high",
        triage: "message",
      });
      const done = await list(vault, "Done");
      expect(done.filter((name) => name.startsWith("FILE_"))).toHaveLength(2);
      expect(done.every((name) => !/[\u0000-\u001f/]/.test(name) && name.length < 200)).toBe(true);

      const plan = await read(vault, `Plans/PLAN_${waiting[0]}`);
      expect(plan).toMatch(/## Objective/);
      expect(plan).toMatch(/## Steps\n\n- \[x\]/);
      expect(plan).toMatch(/## Approval Required\n\n- \[\[CREATE_INVOICE_/);
      expect(frontMatter(plan)).toMatchObject({ task: task.id, status: "awaiting_approval", iteration: 1 });

      const requests = await list(vault, "Pending_Approval");
      expect(requests.map((name) => name.split("_").slice(0, 2).join("_")).sort()).toEqual([
        "CREATE_INVOICE",
        "SEND_EMAIL",
      ]);
      const invoice = frontMatter(
        await read(vault, `Pending_Approval/${requests.find((name) => name.startsWith("CREATE_INVOICE"))}`),
      );
      // Priced from Accounting/Rates.md (the contact's retainer), never from the $1,500 or the year in the email.
      expect(invoice).toMatchObject({
        type: "approval_request",
        server: "odoo",
        tool: "create_invoice",
        amount: 2000,
        currency: "USD",
        status: "pending",
        task: task.id,
      });
      expect(invoice.risk).toEqual(expect.arrayContaining(["invoice", "over_limit"]));
      expect(String(invoice.payload_sha256)).toMatch(/^[0-9a-f]{64}$/);

      const dashboard = await read(vault, "Dashboard.md");
      for (const name of requests)
        expect(dashboard).toContain(String(frontMatter(await read(vault, `Pending_Approval/${name}`)).id));

      for (const name of requests) {
        const id = String(frontMatter(await read(vault, `Pending_Approval/${name}`)).id);
        const approved = await runCli(["approve", id], { env });
        expect(approved.code).toBe(0);
      }
      expect(await list(vault, "Approved")).toHaveLength(2);

      const second = await runCli(["run", "--once"], { env });
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/2 executed/);

      const outbox = await list(vault, "Outbox");
      const eml = outbox.filter((name) => name.endsWith(".eml"));
      expect(eml).toHaveLength(1);
      const message = await read(vault, `Outbox/${eml[0]}`);
      expect(message).toMatch(/^To: ana@client-a\.example/m);
      expect(message).toMatch(/^Subject: Re: Invoice for this month/m);
      expect(await list(vault, "Accounting/Invoices")).not.toHaveLength(0);

      expect(await list(vault, "In_Progress/local")).toEqual([]);
      expect(await list(vault, "Pending_Approval")).toEqual([]);
      expect(await list(vault, "Approved")).toEqual([]);
      const finished = await list(vault, "Done");
      expect(finished).toEqual(expect.arrayContaining([waiting[0], `PLAN_${waiting[0]}`, ...requests]));
      expect(frontMatter(await read(vault, `Done/${waiting[0]}`))).toMatchObject({ status: "done" });

      const logs = await runCli(["logs", "--json"], { env });
      const lines = logs.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const sent = lines.filter((line) => line.action_type === "send_email" && line.result === "success");
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ dry_run: true, approval_status: "approved", task_id: task.id });
      expect(sent[0]!.approved_by).toMatch(/human/);
      for (const line of lines) expect(Object.keys(line)).toHaveLength(15);
      expect((await runCli(["logs", "verify"], { env })).stdout).toMatch(/intact/);

      const activity = (await read(vault, "Dashboard.md")).split("## Recent Activity")[1] ?? "";
      expect(activity).toMatch(/- \[\d{4}-\d{2}-\d{2} \d{2}:\d{2}\] send_email done/);
      expect(activity).toMatch(/Task finished/);

      const status = JSON.parse((await runCli(["status", "--json"], { env })).stdout) as {
        pending: unknown[];
      };
      expect(status.pending).toEqual([]);

      // The finished task is in this week's CEO briefing, with the chart and the bottleneck table.
      const briefing = await runCli(["briefing", "--week", new Date().toISOString().slice(0, 10)], { env });
      expect(briefing.code).toBe(0);
      const [briefingFile] = await list(vault, "Briefings");
      const text = await read(vault, `Briefings/${briefingFile}`);
      expect(briefingFile).toMatch(/^\d{4}-\d{2}-\d{2}_Monday_Briefing\.md$/);
      expect(text).toContain(`[[${waiting[0]!.replace(/\.md$/, "")}]]`);
      expect(text).toContain("```mermaid");
      expect(text).toMatch(/## Bottlenecks\n[\s\S]*\| Task \| Expected \| Actual \| Delay \|/);
    },
  );

  it(
    "rejects from the command line and closes the task; quarantines a broken note; one-line errors",
    { timeout: 120_000 },
    async () => {
      const vault = await tempVault();
      const env = cleanEnv({ AI_EMPLOYEE_VAULT: vault });
      await runCli(["init"], { env });
      await writeFile(
        path.join(vault, "Inbox", "quote.txt"),
        "From: stranger@unknown.example\nSubject: Quote for consulting?\n\nHow much for 10 hours of consulting?\n",
      );
      await writeFile(path.join(vault, "Needs_Action", "BROKEN_note.md"), "---\nid: [unclosed\n---\nbody\n");
      expect((await runCli(["run", "--once"], { env })).code).toBe(0);
      expect(await list(vault, "Quarantine")).toEqual(["BROKEN_note.md"]);
      expect((await list(vault, "Alerts")).some((name) => name.startsWith("ALERT_quarantined"))).toBe(true);

      const [request] = await list(vault, "Pending_Approval");
      const meta = frontMatter(await read(vault, `Pending_Approval/${request}`));
      expect(meta.risk).toEqual(expect.arrayContaining(["new_contact", "from_untrusted_content"]));
      const rejected = await runCli(["reject", String(meta.id), "--reason", "not a client"], { env });
      expect(rejected.code).toBe(0);
      expect((await runCli(["run", "--once"], { env })).code).toBe(0);
      expect(await list(vault, "In_Progress/local")).toEqual([]);
      expect(await list(vault, "Outbox")).toEqual([]);
      const closed = (await list(vault, "Done")).find((name) => name.startsWith("FILE_"));
      expect(frontMatter(await read(vault, `Done/${closed}`))).toMatchObject({ status: "rejected" });

      const unknown = await runCli(["approve", "20990101-000000-abcdef"], { env });
      expect(unknown.code).toBe(3);
      expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
      const badConfig = await runCli(["run", "--once"], { env: { ...env, DRY_RUN: "maybe" } });
      expect(badConfig.code).toBe(2);
      expect(badConfig.stderr).toMatch(/DRY_RUN/);
    },
  );

  it("is an executable that starts Node with a bounded heap (decision 0008)", async () => {
    expect(NODE_FLAGS).toEqual(["--max-old-space-size=192"]);
    const vault = await tempVault();
    // Run as a person runs it: the file itself, through its shebang; a non-zero exit rejects.
    const status = await promisify(execFile)(CLI, ["status", "--json", "--vault", vault], {
      env: cleanEnv(),
    });
    expect(JSON.parse(status.stdout)).toHaveProperty("counts");
  });
});
