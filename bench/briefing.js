// The weekly briefing over one year of history: 50,000 done tasks (with their plans and approval
// requests in Done/) and 500,000 audit log lines in a temp vault, then `writeBriefing` from dist/ timed
// in a child process whose peak resident memory (VmHWM) is read from /proc. Target: under 2 s and
// 300 MB. Run after `npm run build`: `node bench/briefing.js`, or import `briefingYear()`.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cleanEnv } from "./support.js";

const WRITE_BRIEFING = fileURLToPath(new URL("../dist/briefing/write-briefing.js", import.meta.url));
const TEMPLATES = fileURLToPath(new URL("../templates/vault/", import.meta.url));

const TASKS = 50_000;
const LOG_LINES = 500_000;
const DAYS = 365;
const TIMEZONE = "Europe/Berlin";
/** Sunday 2026-03-08, 23:00 in Berlin: the scheduled run for the year's last week. */
const NOW = Date.parse("2026-03-08T22:00:00.000Z");
const YEAR_START = NOW - DAYS * 86_400_000;
const WRITE_CONCURRENCY = 64;
const MINUTE = 60_000;

function noteId(time, serial) {
  const stamp = new Date(time).toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${serial.toString(16).padStart(6, "0").slice(-6)}`;
}

function frontMatter(data) {
  const lines = Object.entries(data).map(([key, value]) =>
    Array.isArray(value)
      ? `${key}:\n${value.map((item) => `  - "${item}"`).join("\n")}`
      : `${key}: ${JSON.stringify(value)}`,
  );
  return `---\n${lines.join("\n")}\n---\n\n`;
}

function logLine(timestamp, fields) {
  return JSON.stringify({
    timestamp: new Date(timestamp).toISOString(),
    action_type: "watcher_poll",
    actor: "orchestrator",
    target: null,
    parameters: null,
    approval_status: null,
    approved_by: null,
    result: "success",
    error: null,
    retry_count: 0,
    task_id: null,
    approval_id: null,
    dry_run: false,
    prev_hash: randomBytes(32).toString("hex"),
    hash: randomBytes(32).toString("hex"),
    ...fields,
  });
}

async function writeAll(files) {
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const [file, text] = files[next];
      next += 1;
      await writeFile(file, text);
    }
  };
  await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, worker));
}

/** A year of finished work: tasks, plans and approval requests in Done/, and the day files of the log. */
async function buildYear(vault) {
  const done = path.join(vault, "Done");
  await mkdir(done, { recursive: true });
  await mkdir(path.join(vault, "Logs"), { recursive: true });
  await mkdir(path.join(vault, "Pending_Approval"), { recursive: true });
  await cp(path.join(TEMPLATES, "Business_Goals.md"), path.join(vault, "Business_Goals.md"));
  const linesByDay = new Map();
  const log = (time, fields) => {
    const day = new Date(time).toISOString().slice(0, 10);
    let lines = linesByDay.get(day);
    if (!lines) linesByDay.set(day, (lines = []));
    lines.push([time, logLine(time, fields)]);
  };
  let files = [];
  let logged = 0;
  for (let index = 0; index < TASKS; index += 1) {
    const filed = YEAR_START + Math.floor((index / TASKS) * DAYS * 86_400_000);
    const id = noteId(filed, index * 2);
    const withApproval = index % 2 === 0;
    const name = `${index % 3 === 0 ? "WHATSAPP" : "EMAIL"}_message-${index}_${id}.md`;
    const planned = filed + 2 * MINUTE;
    const decided = planned + (index % 37) * 45 * MINUTE;
    const completed = withApproval ? decided + 2 * MINUTE : planned + MINUTE;
    const approvalId = noteId(planned, index * 2 + 1);
    const task = {
      id,
      type: index % 3 === 0 ? "whatsapp_message" : "email",
      source: index % 3 === 0 ? "whatsapp" : "gmail",
      from: `client${index % 400}@example.com`,
      subject: `Question number ${index} about the project`,
      received: new Date(filed - MINUTE).toISOString(),
      priority: "normal",
      domain: index % 4 === 0 ? "personal" : "business",
      status: "done",
      contact: "known",
      plan: `[[PLAN_${name.slice(0, -3)}]]`,
      ...(withApproval ? { approvals: [approvalId], completed: new Date(completed).toISOString() } : {}),
    };
    const body = `# ${task.subject}\n\nFrom **${task.from}** via ${task.source}.\n\n## Content (untrusted: quoted from outside, never instructions)\n\n\`\`\`\`untrusted\n${"Hello, could you help with this? ".repeat(12)}\n\`\`\`\`\n`;
    files.push([path.join(done, name), frontMatter(task) + body]);
    files.push([
      path.join(done, `PLAN_${name}`),
      frontMatter({
        task: id,
        task_file: `[[${name.slice(0, -3)}]]`,
        created: new Date(planned).toISOString(),
        status: "done",
        iteration: 1,
      }) + "# Plan\n\n## Objective\n\nReply.\n\n## Steps\n\n- [x] Draft a reply\n",
    ]);
    log(filed, {
      action_type: "task_created",
      actor: "watcher:gmail",
      task_id: id,
      approval_status: "not_required",
    });
    log(planned, { action_type: "plan_written", actor: "offline", task_id: id });
    logged += 2;
    if (withApproval) {
      files.push([
        path.join(done, `SEND_EMAIL_reply-${index}_${approvalId}.md`),
        frontMatter({
          type: "approval_request",
          id: approvalId,
          task: id,
          action: "send_email",
          server: "email",
          tool: "send_email",
          payload_sha256: randomBytes(32).toString("hex"),
          created: new Date(planned).toISOString(),
          expires: new Date(planned + 24 * 60 * MINUTE).toISOString(),
          status: "executed",
          approved_by: "human (CLI)",
          decided_at: new Date(decided).toISOString(),
          executed_at: new Date(decided + MINUTE).toISOString(),
        }) + "# Approval needed: Email reply\n",
      ]);
      log(planned, {
        action_type: "send_email",
        actor: "offline",
        result: "pending",
        approval_status: "pending",
        task_id: id,
        approval_id: approvalId,
      });
      log(decided + MINUTE, {
        action_type: "send_email",
        actor: "executor",
        approval_status: "approved",
        task_id: id,
        approval_id: approvalId,
        dry_run: true,
      });
      logged += 2;
    }
    log(completed, { action_type: "task_done", target: name, task_id: id });
    logged += 1;
    if (files.length >= 5_000) {
      await writeAll(files);
      files = [];
    }
  }
  await writeAll(files);
  for (let index = 0; logged < LOG_LINES; index += 1, logged += 1) {
    log(YEAR_START + Math.floor((index / (LOG_LINES - 225_000)) * DAYS * 86_400_000), {
      actor: "watcher:gmail",
    });
  }
  for (let index = 0; index < 20; index += 1) {
    const created = NOW - (index + 1) * 3 * 60 * MINUTE;
    const id = noteId(created, 0xf00000 + index);
    await writeFile(
      path.join(vault, "Pending_Approval", `SEND_EMAIL_waiting-${index}_${id}.md`),
      frontMatter({
        type: "approval_request",
        id,
        action: "send_email",
        server: "email",
        tool: "send_email",
        created: new Date(created).toISOString(),
        expires: new Date(created + 24 * 60 * MINUTE).toISOString(),
        status: "pending",
      }) + `# Approval needed: Email to client${index}@example.com\n`,
    );
  }
  for (const [day, lines] of linesByDay) {
    lines.sort((a, b) => a[0] - b[0]);
    await writeFile(path.join(vault, "Logs", `${day}.jsonl`), `${lines.map((line) => line[1]).join("\n")}\n`);
  }
  return { logged };
}

/** Runs in a fresh process, so its peak memory is the briefing's alone (plus Node itself). */
const CHILD = `
import { readFileSync } from "node:fs";
const { writeBriefing } = await import(process.env.WRITE_BRIEFING);
const invoices = Array.from({ length: 200 }, (_, index) => ({
  id: String(index), number: "INV/2026/" + index, partner: { name: "Client " + index, email: "c" + index + "@example.com" },
  state: "posted", paymentState: "not_paid", amountTotal: 500, amountResidual: 500, currency: "USD",
  invoiceDate: "2026-01-0" + (1 + (index % 9)), dueDate: "2026-0" + (2 + (index % 3)) + "-1" + (index % 10),
}));
const bills = Array.from({ length: 300 }, (_, index) => ({
  id: String(index), number: undefined, vendor: "Vendor " + (index % 25), amount: 20 + (index % 7) * 5, currency: "USD",
  date: "2025-" + String(4 + (index % 9)).padStart(2, "0") + "-1" + (index % 10),
}));
const books = {
  description: "bench books",
  async revenue() { return { currencies: [{ currency: "USD", invoiced: 2500, collected: 2000, invoiceCount: 5 }] }; },
  async listInvoices() { return invoices; },
  async vendorBills() { return bills; },
};
const started = performance.now();
const written = await writeBriefing({
  vaultRoot: process.env.VAULT, books, timezone: process.env.TIMEZONE, now: () => new Date(Number(process.env.NOW)),
  fileSuggestion: async (suggestion) => ({ id: "bench-" + suggestion.key.length, file: "Pending_Approval/BENCH.md" }),
});
const seconds = (performance.now() - started) / 1000;
const hwm = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) * 1024;
console.log(JSON.stringify({ seconds, peakRssBytes: hwm, tasks: written.data.completed.business.length + written.data.completed.personal.length, path: written.path }));
`;

function runChild(vault) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD], {
      env: cleanEnv({
        VAULT: vault,
        TIMEZONE,
        NOW: String(NOW),
        WRITE_BRIEFING: pathToFileURL(WRITE_BRIEFING).href,
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(JSON.parse(stdout.trim().split("\n").at(-1)))
        : reject(new Error(`briefing child exited ${code}: ${stderr}`)),
    );
  });
}

export async function briefingYear() {
  const vault = await mkdtemp(path.join(tmpdir(), "ai-employee-bench-briefing-"));
  try {
    const built = performance.now();
    const { logged } = await buildYear(vault);
    const setupSeconds = (performance.now() - built) / 1000;
    const result = await runChild(vault);
    return {
      ...result,
      peakMb: result.peakRssBytes / 1024 / 1024,
      logLines: logged,
      doneTasks: TASKS,
      setupSeconds,
    };
  } finally {
    await rm(vault, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await briefingYear();
  console.log(
    `${"briefing over a year (50,000 tasks, 500,000 log lines)".padEnd(44)} ${result.seconds.toFixed(2)} s, peak ${result.peakMb.toFixed(0)} MB (${result.tasks} tasks in the week; history built in ${result.setupSeconds.toFixed(0)} s)`,
  );
}
