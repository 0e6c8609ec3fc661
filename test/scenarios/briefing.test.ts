/**
 * The CEO briefing on a temp vault: Done/ tasks of both domains with their plans, approval requests and
 * audit log lines, a request still waiting, and fake books with revenue, overdue invoices and vendor
 * bills (one up 25%). The week is counted in New York, whose clocks change on the week's last day.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type {
  BriefingBooks,
  BriefingInvoice,
  BriefingVendorBill,
} from "../../src/briefing/briefing-books.js";
import type { Suggestion } from "../../src/briefing/suggestion.js";
import { writeBriefing } from "../../src/briefing/write-briefing.js";
import type { Books } from "../../src/integrations/odoo/books.js";
import { createVaultBooks } from "../../src/integrations/odoo/vault-books.js";
import { parseNote, renderNote } from "../../src/vault/note.js";

const TEMPLATES = fileURLToPath(new URL("../../templates/vault/", import.meta.url));
const TIMEZONE = "America/New_York";
/** Sunday 2026-03-08, 23:00 in New York (EDT since 02:00 that day): the scheduled run. */
const SUNDAY_NIGHT = new Date("2026-03-09T03:00:00Z");
const BRIEFING = "Briefings/2026-03-09_Monday_Briefing.md";

// The structural fit the runtime relies on: the integration's Books is a BriefingBooks as it is.
const _booksFit = (books: Books): BriefingBooks => books;

async function note(vault: string, relative: string, data: Record<string, unknown>, body = "# Note\n") {
  await mkdir(path.dirname(path.join(vault, relative)), { recursive: true });
  await writeFile(path.join(vault, relative), renderNote({ data, body }));
}

function logLine(fields: Record<string, unknown>): string {
  return JSON.stringify({
    actor: "orchestrator",
    target: null,
    parameters: null,
    approval_status: null,
    approved_by: null,
    error: null,
    retry_count: 0,
    task_id: null,
    approval_id: null,
    dry_run: false,
    prev_hash: "0".repeat(64),
    hash: "0".repeat(64),
    ...fields,
  });
}

async function appendLog(vault: string, lines: Record<string, unknown>[]) {
  const byDay = new Map<string, string[]>();
  for (const line of lines) {
    const day = String(line.timestamp).slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), logLine(line)]);
  }
  await mkdir(path.join(vault, "Logs"), { recursive: true });
  for (const [day, entries] of byDay) {
    await writeFile(path.join(vault, "Logs", `${day}.jsonl`), `${entries.join("\n")}\n`, { flag: "a" });
  }
}

function task(id: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { id, source: "gmail", from: "ana@client.example", priority: "normal", ...fields };
}

async function buildVault(): Promise<string> {
  const vault = await mkdtemp(path.join(tmpdir(), "briefing-scenario-"));
  await cp(path.join(TEMPLATES, "Business_Goals.md"), path.join(vault, "Business_Goals.md"));
  await writeFile(
    path.join(vault, "Business_Goals.md"),
    `${await readFile(path.join(vault, "Business_Goals.md"), "utf8")}\n## Subscriptions\n\n| Vendor | Category |\n| --- | --- |\n| Zoom | video calls |\n| Whereby | video calls |\n`,
  );

  // 1. A business email whose approval waited 30 hours for a person.
  await note(
    vault,
    "Done/EMAIL_invoice-for-march_20260303-090000-aaaaaa.md",
    task("20260303-090000-aaaaaa", {
      type: "email",
      subject: "Invoice for March",
      received: "2026-03-03T09:00:00.000Z",
      domain: "business",
      status: "done",
      approvals: ["20260303-090500-bbbbbb"],
      completed: "2026-03-04T15:07:00.000Z",
    }),
  );
  await note(vault, "Done/PLAN_EMAIL_invoice-for-march_20260303-090000-aaaaaa.md", {
    task: "20260303-090000-aaaaaa",
    created: "2026-03-03T09:05:00.000Z",
    status: "done",
    iteration: 1,
  });
  await note(vault, "Done/SEND_EMAIL_invoice-for-march_20260303-090500-bbbbbb.md", {
    type: "approval_request",
    id: "20260303-090500-bbbbbb",
    task: "20260303-090000-aaaaaa",
    action: "send_email",
    server: "email",
    tool: "send_email",
    parameters: { to: ["ana@client.example"] },
    payload_sha256: "x",
    created: "2026-03-03T09:05:00.000Z",
    expires: "2026-03-05T09:05:00.000Z",
    status: "executed",
    decided_at: "2026-03-04T15:05:00.000Z",
    executed_at: "2026-03-04T15:06:00.000Z",
  });
  // 2. A personal WhatsApp message done without approvals: no `completed`, only the log's task_done.
  await note(
    vault,
    "Done/WHATSAPP_dinner_20260304-115000-cccccc.md",
    task("20260304-115000-cccccc", {
      type: "whatsapp_message",
      subject: "Dinner on Friday?",
      received: "2026-03-04T11:50:00.000Z",
      domain: "personal",
      status: "done",
    }),
  );
  // 3. A dropped file planned three hours late, with a pipe in its subject.
  await note(
    vault,
    "Done/FILE_q1-report_20260305-080000-dddddd.md",
    task("20260305-080000-dddddd", {
      type: "file_drop",
      subject: "Q1 | report",
      received: "2026-03-05T08:00:00.000Z",
      domain: "business",
      status: "done",
      completed: "2026-03-05T11:01:00.000Z",
    }),
  );
  // Week boundaries in New York: Mon 2026-03-02 00:00 EST = 05:00Z; Mon 2026-03-09 00:00 EDT = 04:00Z.
  const edge = (id: string, subject: string, completed: string) =>
    note(
      vault,
      `Done/EMAIL_edge_${id}.md`,
      task(id, { type: "email", subject, received: "2026-03-01T01:00:00.000Z", status: "done", completed }),
    );
  await edge("20260301-010000-000001", "Closed Sunday before", "2026-03-02T04:59:00.000Z");
  await edge("20260301-010000-000002", "Closed first minute", "2026-03-02T05:00:00.000Z");
  await edge("20260301-010000-000003", "Closed last minute", "2026-03-09T03:59:00.000Z");
  await edge("20260301-010000-000004", "Closed next Monday", "2026-03-09T04:00:00.000Z");

  // A request that has waited since Saturday morning and expires on Tuesday.
  await note(
    vault,
    "Pending_Approval/POST_X_launch_20260307-100000-eeeeee.md",
    {
      type: "approval_request",
      id: "20260307-100000-eeeeee",
      task: null,
      action: "post_x",
      server: "social",
      tool: "post_x",
      parameters: { text: "Launch!" },
      payload_sha256: "x",
      created: "2026-03-07T10:00:00.000Z",
      expires: "2026-03-10T10:00:00.000Z",
      status: "pending",
    },
    "# Approval needed: Post on X: Launch!\n",
  );

  await appendLog(vault, [
    {
      timestamp: "2026-03-03T09:00:01.000Z",
      action_type: "task_created",
      result: "success",
      task_id: "20260303-090000-aaaaaa",
    },
    {
      timestamp: "2026-03-03T09:05:00.000Z",
      action_type: "plan_written",
      result: "success",
      task_id: "20260303-090000-aaaaaa",
    },
    {
      timestamp: "2026-03-03T09:05:01.000Z",
      action_type: "send_email",
      result: "pending",
      approval_status: "pending",
      task_id: "20260303-090000-aaaaaa",
      approval_id: "20260303-090500-bbbbbb",
    },
    {
      timestamp: "2026-03-04T15:06:00.000Z",
      action_type: "send_email",
      result: "success",
      approval_status: "approved",
      task_id: "20260303-090000-aaaaaa",
      approval_id: "20260303-090500-bbbbbb",
      dry_run: true,
    },
    {
      timestamp: "2026-03-04T11:55:00.000Z",
      action_type: "plan_written",
      result: "success",
      task_id: "20260304-115000-cccccc",
    },
    {
      timestamp: "2026-03-04T12:00:00.000Z",
      action_type: "task_done",
      result: "success",
      task_id: "20260304-115000-cccccc",
    },
    {
      timestamp: "2026-03-05T11:00:00.000Z",
      action_type: "plan_written",
      result: "success",
      task_id: "20260305-080000-dddddd",
    },
    {
      timestamp: "2026-03-06T10:00:00.000Z",
      action_type: "pay_invoice",
      result: "refused",
      error: "over limit",
    },
  ]);
  return vault;
}

function invoice(
  fields: Partial<BriefingInvoice> & Pick<BriefingInvoice, "id" | "amountTotal">,
): BriefingInvoice {
  return {
    number: `INV/2026/${fields.id}`,
    partner: { name: "Acme Ltd", email: "billing@acme.example" },
    state: "posted",
    paymentState: "not_paid",
    amountResidual: fields.amountTotal,
    currency: "USD",
    invoiceDate: "2026-03-03",
    dueDate: "2026-04-02",
    ...fields,
  };
}

const INVOICES: BriefingInvoice[] = [
  invoice({
    id: "0010",
    amountTotal: 2000,
    amountResidual: 0,
    paymentState: "paid",
    invoiceDate: "2026-03-03",
  }),
  invoice({ id: "0011", amountTotal: 1500, invoiceDate: "2026-03-05", dueDate: "2026-03-20" }),
  invoice({ id: "0003", amountTotal: 800, invoiceDate: "2026-01-10", dueDate: "2026-02-09" }),
  invoice({
    id: "0004",
    amountTotal: 300,
    invoiceDate: "2026-01-20",
    dueDate: "2026-02-19",
    partner: { name: "Walk-in | Client" },
  }),
  invoice({
    id: "0005",
    amountTotal: 2500,
    amountResidual: 0,
    paymentState: "paid",
    invoiceDate: "2026-02-24",
  }),
  invoice({
    id: "0006",
    amountTotal: 400,
    amountResidual: 0,
    paymentState: "paid",
    invoiceDate: "2026-03-04",
    currency: "EUR",
  }),
];

const BILLS: BriefingVendorBill[] = [
  { id: "b1", number: "BILL/1", vendor: "Figma", amount: 45, currency: "USD", date: "2026-02-04" },
  { id: "b2", number: "BILL/2", vendor: "Figma", amount: 56.25, currency: "USD", date: "2026-03-04" },
  { id: "b3", number: "BILL/3", vendor: "Slack", amount: 8.75, currency: "USD", date: "2026-02-06" },
  { id: "b4", number: "BILL/4", vendor: "Slack", amount: 8.75, currency: "USD", date: "2026-03-06" },
  { id: "b5", number: "BILL/5", vendor: "Zoom", amount: 15.99, currency: "USD", date: "2026-02-20" },
  { id: "b6", number: "BILL/6", vendor: "Whereby", amount: 9, currency: "USD", date: "2026-03-05" },
];

function fakeBooks(): BriefingBooks & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    description: "Odoo (fake)",
    async revenue(from, to) {
      calls.push(`revenue ${from} ${to}`);
      const byCurrency = new Map<
        string,
        { currency: string; invoiced: number; collected: number; invoiceCount: number }
      >();
      for (const entry of INVOICES.filter((row) => row.invoiceDate! >= from && row.invoiceDate! <= to)) {
        const row = byCurrency.get(entry.currency) ?? {
          currency: entry.currency,
          invoiced: 0,
          collected: 0,
          invoiceCount: 0,
        };
        row.invoiced += entry.amountTotal;
        row.collected += entry.amountTotal - entry.amountResidual;
        row.invoiceCount += 1;
        byCurrency.set(entry.currency, row);
      }
      return { currencies: [...byCurrency.values()] };
    },
    async listInvoices(filter) {
      calls.push(`invoices ${JSON.stringify(filter)}`);
      return INVOICES.filter((row) => filter?.paymentState?.includes(row.paymentState as "not_paid") ?? true);
    },
    async vendorBills(from, to) {
      calls.push(`bills ${from} ${to}`);
      return BILLS.filter((bill) => bill.date >= from && bill.date <= to);
    },
  };
}

function unreachableBooks(): BriefingBooks {
  const fail = async (): Promise<never> => {
    throw new Error("connect ECONNREFUSED 127.0.0.1:8069");
  };
  return {
    description: "Odoo (http://127.0.0.1:8069, database acme)",
    revenue: fail,
    listInvoices: fail,
    vendorBills: fail,
  };
}

function recordingDesk() {
  const filed: Suggestion[] = [];
  return {
    filed,
    async fileSuggestion(suggestion: Suggestion) {
      filed.push(suggestion);
      const id = `20260309-030000-${String(filed.length).padStart(6, "0")}`;
      return { id, file: `Pending_Approval/${suggestion.action!.tool.toUpperCase()}_briefing_${id}.md` };
    },
  };
}

function sectionOf(body: string, heading: string): string {
  const start = body.indexOf(`## ${heading}\n`);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const next = body.indexOf("\n## ", start + 4);
  return body.slice(start, next < 0 ? undefined : next);
}

describe("the Monday briefing", () => {
  it("writes every section from the vault, the log and the books", async () => {
    const vault = await buildVault();
    const books = fakeBooks();
    const desk = recordingDesk();
    const written = await writeBriefing({
      vaultRoot: vault,
      books,
      socialSummary: "| Network | Posts |\n| --- | --- |\n| x | 3 |",
      fileSuggestion: desk.fileSuggestion,
      now: () => SUNDAY_NIGHT,
      timezone: TIMEZONE,
    });
    expect(written.path).toBe(BRIEFING);
    const { data, body } = parseNote(await readFile(path.join(vault, BRIEFING), "utf8"), BRIEFING);
    expect(data).toMatchObject({
      type: "briefing",
      week_start: "2026-03-02",
      week_end: "2026-03-08",
      generated: SUNDAY_NIGHT.toISOString(),
      figures_missing: [],
      summary_by: "code",
    });
    const headings = [...body.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(headings).toEqual([
      "Executive Summary",
      "Revenue",
      "Completed Tasks",
      "Bottlenecks",
      "Proactive Suggestions",
      "Upcoming Deadlines",
      "Social",
    ]);

    const summary = sectionOf(body, "Executive Summary");
    expect(summary).toContain("3,500 USD invoiced this week");
    expect(summary).toContain("5 task(s) completed (4 business, 1 personal)");
    expect(summary).toContain("2 invoice(s) overdue: 1,100 USD outstanding");
    expect(summary).toContain("1 action(s) run (1 as dry runs), 1 refused");
    expect(summary).not.toContain("[!warning]");

    const revenue = sectionOf(body, "Revenue");
    expect(revenue).toContain(
      "**This week:** 3,500 USD invoiced in 2 invoice(s), 2,000 USD of it collected (also 400 EUR)",
    );
    expect(revenue).toContain(
      "(2026-03-01 to 2026-03-08): 3,500 USD — 35% of the 10,000 USD monthly target, with 26% of the month gone",
    );
    expect(revenue).toContain("6,000 USD in the last 4 weeks against 300 USD in the 4 before (up 1900%)");
    expect(revenue).toMatch(/```mermaid\nxychart-beta\n {4}title "Invoiced per week \(USD\)"/);
    expect(revenue).toContain(
      'x-axis ["Jan 12", "Jan 19", "Jan 26", "Feb 2", "Feb 9", "Feb 16", "Feb 23", "Mar 2"]',
    );
    expect(revenue).toContain("bar [0, 300, 0, 0, 0, 0, 2500, 3500]");
    expect(revenue).toMatch(/line \[2307\.69(, 2307\.69){7}\]/);
    expect(revenue).toMatch(
      /\| Software costs \| under 500 USD per month \| over 600 USD per month \| 89.99 USD \(bills, last 30 days\) \| on target \|/,
    );
    expect(revenue).toMatch(/\| Invoice payment rate \| over 90% \| under 80% \| 71% .* \| ⚠ alert \|/);

    const completed = sectionOf(body, "Completed Tasks");
    expect(completed).toContain("| Completed | 4 | 1 |");
    expect(completed).toContain("### Business (4)");
    expect(completed).toContain("### Personal (1)");
    expect(completed).toContain(
      "[[EMAIL_invoice-for-march_20260303-090000-aaaaaa]] Invoice for March (email)",
    );
    expect(completed).toContain(
      "[[WHATSAPP_dinner_20260304-115000-cccccc]] Dinner on Friday? (whatsapp message)",
    );
    expect(completed).toContain("Closed first minute");
    expect(completed).toContain("Sun 03-08 23:59 [[EMAIL_edge_20260301-010000-000003]] Closed last minute");
    expect(completed).not.toContain("Closed Sunday before");
    expect(completed).not.toContain("Closed next Monday");

    const bottlenecks = sectionOf(body, "Bottlenecks");
    expect(bottlenecks).toContain("| Task | Expected | Actual | Delay |");
    expect(bottlenecks).toContain(
      "| [[EMAIL_invoice-for-march_20260303-090000-aaaaaa]] Invoice for March: waiting for a decision | 8 h | 30 h | 22 h |",
    );
    expect(bottlenecks).toContain(
      "| [[FILE_q1-report_20260305-080000-dddddd]] Q1 \\| report: received → plan written | 1 h | 3 h | 2 h |",
    );
    // The boundary tasks were received days before they closed: late overall.
    expect(bottlenecks).toContain("Closed last minute: received → completed | 24 h | 8.1 days | 7.1 days |");

    const suggestions = sectionOf(body, "Proactive Suggestions");
    expect(suggestions).toContain(
      "**Review Figma: cost up 25%** — 56.25 USD on 2026-03-04, against 45 USD on 2026-02-04.",
    );
    expect(suggestions).toContain("**Two tools for video calls: Zoom, Whereby**");
    expect(suggestions).toContain("**Remind Acme Ltd about INV/2026/0003** — 800 USD open, 27 days overdue");
    expect(suggestions).toContain("**Remind Walk-in | Client about INV/2026/0004**");
    expect(suggestions).toContain("The books have no email address for this customer");
    expect(suggestions).toContain("**Decide: Post on X: Launch!** — Waiting 41 h.");
    expect(suggestions).toContain(
      "[[POST_X_launch_20260307-100000-eeeeee]] — approve with `ai-employee approve 20260307-100000-eeeeee`",
    );
    expect(suggestions).toContain("Not checked: No use in 30 days");
    expect(desk.filed.map((suggestion) => suggestion.key)).toEqual([
      "briefing:2026-03-02:cancel_subscription:figma",
      "briefing:2026-03-02:review_duplicate_tools:video-calls",
      "briefing:2026-03-02:invoice_reminder:0003",
    ]);
    const reminder = desk.filed[2]!.action!;
    expect(reminder).toMatchObject({
      server: "email",
      tool: "send_email",
      recipients: ["billing@acme.example"],
    });
    expect(reminder.parameters).toMatchObject({
      to: ["billing@acme.example"],
      subject: "Reminder: invoice INV/2026/0003 is overdue",
    });
    expect(desk.filed[1]!.action!.parameters).toMatchObject({ vendor: "Zoom" });
    for (const [index] of desk.filed.entries()) {
      expect(suggestions).toContain(`Approval request ready: [[`);
      expect(suggestions).toContain(
        `ai-employee approve 20260309-030000-${String(index + 1).padStart(6, "0")}`,
      );
    }

    const deadlines = sectionOf(body, "Upcoming Deadlines");
    expect(deadlines).toContain(
      "| 2026-03-10 06:00 (in 31 h) | Approval request [[POST_X_launch_20260307-100000-eeeeee]] expires: Post on X: Launch! |",
    );
    expect(deadlines).toContain(
      "| 2026-03-20 (in 12 days) | Invoice INV/2026/0011 to Acme Ltd due: 1,500 USD open |",
    );
    expect(deadlines).toContain("- Client B website (due end of quarter)");

    expect(sectionOf(body, "Social")).toContain("| x | 3 |");
    expect(books.calls.filter((call) => call.startsWith("revenue"))).toHaveLength(9);
    expect(await readdir(path.join(vault, "Briefings"))).toEqual(["2026-03-09_Monday_Briefing.md"]);
  });

  it("is regenerated idempotently: same file, no request filed twice", async () => {
    const vault = await buildVault();
    const desk = recordingDesk();
    const run = (now: Date) =>
      writeBriefing({
        vaultRoot: vault,
        books: fakeBooks(),
        fileSuggestion: desk.fileSuggestion,
        now: () => now,
        timezone: TIMEZONE,
      });
    const first = await run(SUNDAY_NIGHT);
    const text = await readFile(path.join(vault, BRIEFING), "utf8");
    const second = await run(SUNDAY_NIGHT);
    expect(second).toMatchObject({ path: first.path, changed: false });
    expect(await readFile(path.join(vault, BRIEFING), "utf8")).toBe(text);
    // On Monday morning (still the same default week? no: give the week explicitly) the file is rewritten.
    const later = await writeBriefing({
      vaultRoot: vault,
      week: "2026-03-04",
      books: fakeBooks(),
      fileSuggestion: desk.fileSuggestion,
      now: () => new Date("2026-03-09T13:00:00Z"),
      timezone: TIMEZONE,
    });
    expect(later).toMatchObject({ path: BRIEFING, changed: true });
    expect(desk.filed).toHaveLength(3);
    const body = await readFile(path.join(vault, BRIEFING), "utf8");
    expect(body).toContain("ai-employee approve 20260309-030000-000001");
    expect(await readdir(path.join(vault, "Briefings"))).toEqual(["2026-03-09_Monday_Briefing.md"]);
  });

  it("is still written when the books are unreachable, naming the missing figures", async () => {
    const vault = await buildVault();
    const written = await writeBriefing({
      vaultRoot: vault,
      books: unreachableBooks(),
      now: () => SUNDAY_NIGHT,
      timezone: TIMEZONE,
    });
    const { data, body } = parseNote(await readFile(path.join(vault, BRIEFING), "utf8"), BRIEFING);
    expect(written.figuresMissing).toEqual(data.figures_missing);
    expect(data.figures_missing).toEqual([
      "revenue this week",
      "revenue trend",
      "revenue month to date",
      "overdue invoices and invoice due dates",
      "subscription audit (vendor bills)",
    ]);
    expect(body).toContain("> [!warning] Figures missing");
    expect(body).toContain(
      "> Odoo (http://127.0.0.1:8069, database acme) could not be read: connect ECONNREFUSED 127.0.0.1:8069",
    );
    expect(body).toContain("Revenue figures are missing this week");
    expect(body).toContain("- **This week:** missing (the books could not be read)");
    expect(body).toContain('title "Invoiced per week (USD): figures missing"');
    expect(body).toContain("bar [0, 0, 0, 0, 0, 0, 0, 0]");
    expect(sectionOf(body, "Bottlenecks")).toContain("| Task | Expected | Actual | Delay |");
    expect(sectionOf(body, "Completed Tasks")).toContain("| Completed | 4 | 1 |");
    expect(body).toContain("Subscription audit: missing");
    expect(body).toContain("Invoice due dates are missing");
    // The waiting approval needs no books.
    expect(body).toContain("**Decide: Post on X: Launch!**");
  });

  it("writes an empty week, with the chart and the bottleneck table present", async () => {
    const vault = await mkdtemp(path.join(tmpdir(), "briefing-empty-"));
    await writeBriefing({ vaultRoot: vault, books: undefined, now: () => SUNDAY_NIGHT, timezone: "UTC" });
    const { data, body } = parseNote(
      await readFile(path.join(vault, "Briefings/2026-03-09_Monday_Briefing.md"), "utf8"),
      "x",
    );
    expect(data.figures_missing).toHaveLength(5);
    expect(body).toContain("no books are configured");
    expect(body).toContain("xychart-beta");
    expect(body).toContain(
      "| Task | Expected | Actual | Delay |\n| --- | --- | --- | --- |\n\nNo task took longer than expected this week.",
    );
    expect(body).toContain("Business_Goals.md is missing");
    expect(body).toContain("Nothing to suggest this week.");
    expect(body).not.toContain("## Social");
  });

  it("runs on the vault's own books as the runtime passes them", async () => {
    const vault = await buildVault();
    const written = await writeBriefing({
      vaultRoot: vault,
      books: createVaultBooks(vault, () => SUNDAY_NIGHT),
      now: () => SUNDAY_NIGHT,
      timezone: TIMEZONE,
    });
    expect(written.figuresMissing).toEqual([]);
    expect(await readFile(path.join(vault, BRIEFING), "utf8")).toContain("0 USD invoiced this week");
  });

  it("never overwrites a person's file in Briefings/", async () => {
    const vault = await buildVault();
    await mkdir(path.join(vault, "Briefings"), { recursive: true });
    await writeFile(path.join(vault, BRIEFING), "My own notes for Monday\n");
    await expect(
      writeBriefing({ vaultRoot: vault, books: fakeBooks(), now: () => SUNDAY_NIGHT, timezone: TIMEZONE }),
    ).rejects.toThrow(/is not a briefing the employee wrote/);
    expect(await readFile(path.join(vault, BRIEFING), "utf8")).toBe("My own notes for Monday\n");
  });
});
