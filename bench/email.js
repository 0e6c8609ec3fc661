// The email issue's figures: the initial sync of a 10,000-message mailbox (time and the daemon's peak
// memory) and new mail → task latency over IDLE, against a private Dovecot. Needs `npm run build` and
// the compiled test harness (`npx tsc -p tsconfig.bench.json`, into dist-bench/). Measured, not asserted.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, watch } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ImapFlow } from "imapflow";
import { CLI, NODE_FLAGS, cleanEnv, freshVault, percentile, sleep, stop } from "./support.js";

const HARNESS = new URL("../dist-bench/test/fakes/dovecot/dovecot-server.js", import.meta.url);
const MAILBOX_SIZE = 10_000;
const NEW_MESSAGES = 20;
/** APPENDs run over this many connections at once, each sending its share one after another. */
const FILL_CONNECTIONS = 8;
const SYNC_TIMEOUT_MS = 15 * 60_000;
const NOTE_TIMEOUT_MS = 60_000;
const TASK_FOLDERS = ["Needs_Action", "Rejected", "Done"];
const NOTE = /^EMAIL_.*\.md$/;

function message(index, subject) {
  return [
    `From: Sender ${index % 500} <sender${index % 500}@client-${index % 50}.example>`,
    "To: Alice <alice@example.com>",
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <bench-${index}-${Date.now()}@client.example>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Hello Alice,\r\n\r\nThis is message ${index} of the benchmark. Could you have a look at the attached`,
    "figures and tell me what you think before Friday?\r\n\r\nThanks,\r\nSender",
    "",
  ].join("\r\n");
}

function client(dovecot) {
  const imap = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
    disableAutoIdle: true,
  });
  imap.on("error", () => undefined);
  return imap;
}

async function fill(dovecot, count) {
  const perConnection = Math.ceil(count / FILL_CONNECTIONS);
  await Promise.all(
    Array.from({ length: FILL_CONNECTIONS }, async (_, connection) => {
      const imap = client(dovecot);
      await imap.connect();
      const first = connection * perConnection;
      for (let index = first; index < Math.min(count, first + perConnection); index += 1) {
        await imap.append("INBOX", message(index, `Quote request ${index}`), []);
      }
      await imap.logout();
    }),
  );
}

/** Task notes in Needs_Action/ or beyond (In_Progress/<agent>/, Rejected/, Done/): names only. */
async function taskNotes(vault) {
  const agents = await readdir(path.join(vault, "In_Progress")).catch(() => []);
  const folders = [...TASK_FOLDERS, ...agents.map((agent) => path.join("In_Progress", agent))];
  const names = [];
  for (const folder of folders) {
    for (const name of await readdir(path.join(vault, folder)).catch(() => [])) {
      if (NOTE.test(name)) names.push(name);
    }
  }
  return names;
}

function peakMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** A loopback port nothing listens on: the daemon needs SMTP settings but sends nothing here. */
async function unusedPort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function emailSync() {
  if (!existsSync("/usr/sbin/dovecot")) return { skipped: "/usr/sbin/dovecot is missing" };
  if (!existsSync(fileURLToPath(HARNESS))) {
    return { skipped: "the Dovecot harness is not compiled: run npx tsc -p tsconfig.bench.json" };
  }
  const { startDovecot } = await import(HARNESS.href);
  const dovecot = await startDovecot();
  let daemon;
  let watcher;
  let vault;
  try {
    const fillStarted = performance.now();
    await fill(dovecot, MAILBOX_SIZE);
    const fillSeconds = (performance.now() - fillStarted) / 1000;

    vault = await freshVault();
    const env = cleanEnv({
      IMAP_HOST: dovecot.host,
      IMAP_PORT: String(dovecot.port),
      IMAP_TLS: "false",
      IMAP_USER: dovecot.user,
      IMAP_PASSWORD: dovecot.password,
      EMAIL_ADDRESS: "alice@example.com",
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(await unusedPort()),
      SMTP_TLS: "false",
      DASHBOARD_PORT: "0",
      EMAIL_INITIAL_SYNC_DAYS: "3650",
      // The product default (120 s) unless BENCH_EMAIL_POLL_SECONDS says otherwise.
      ...(process.env.BENCH_EMAIL_POLL_SECONDS
        ? { EMAIL_POLL_SECONDS: process.env.BENCH_EMAIL_POLL_SECONDS }
        : {}),
    });
    let output = "";
    const started = performance.now();
    daemon = spawn(process.execPath, [...NODE_FLAGS, CLI, "run", "--vault", vault], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk) => {
      if (output.length < 20_000) output += chunk.toString();
    };
    daemon.stdout.on("data", keep);
    daemon.stderr.on("data", keep);
    let synced = 0;
    let syncSeconds;
    while (performance.now() - started < SYNC_TIMEOUT_MS) {
      if (daemon.exitCode !== null) throw new Error(`the daemon exited (${daemon.exitCode}): ${output}`);
      synced = (await taskNotes(vault)).length;
      if (synced >= MAILBOX_SIZE) {
        syncSeconds = (performance.now() - started) / 1000;
        break;
      }
      await sleep(100);
    }
    const syncPeakMb = peakMb(daemon.pid);

    // New mail over IDLE: one message at a time, timed from its APPEND to its task note.
    const known = new Set(await taskNotes(vault));
    let arrived;
    watcher = watch(path.join(vault, "Needs_Action"), (_event, name) => {
      if (name && NOTE.test(name) && !known.has(name)) {
        known.add(name);
        arrived?.();
      }
    });
    const imap = client(dovecot);
    await imap.connect();
    const latencies = [];
    for (let index = 0; index < NEW_MESSAGES; index += 1) {
      const noted = new Promise((resolve) => {
        arrived = resolve;
      });
      const sent = performance.now();
      await imap.append("INBOX", message(MAILBOX_SIZE + index, `New request ${index}`), []);
      const outcome = await Promise.race([noted.then(() => "noted"), sleep(NOTE_TIMEOUT_MS)]);
      if (outcome === "noted") latencies.push(performance.now() - sent);
      await sleep(200);
    }
    await imap.logout();
    return {
      fillSeconds,
      synced,
      syncSeconds,
      syncPeakMb,
      peakMb: peakMb(daemon.pid),
      latency: {
        measured: latencies.length,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: Math.max(...latencies),
      },
    };
  } finally {
    watcher?.close();
    if (daemon && daemon.exitCode === null) await stop(daemon);
    await dovecot.close();
    if (vault) await rm(vault, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const line = (label, value) => console.log(`${label.padEnd(44)} ${value}`);
  const result = await emailSync();
  if (result.skipped) {
    console.log(`email benchmarks skipped: ${result.skipped}`);
  } else {
    line("mailbox fill (10,000 APPENDs, setup)", `${result.fillSeconds.toFixed(1)} s`);
    line(
      "initial sync of 10,000 messages",
      result.syncSeconds === undefined
        ? `not finished (${result.synced} task notes in ${SYNC_TIMEOUT_MS / 60_000} min), peak ${result.syncPeakMb.toFixed(0)} MB`
        : `${result.syncSeconds.toFixed(1)} s, peak ${result.syncPeakMb.toFixed(0)} MB`,
    );
    line(
      `new mail → task over IDLE (${result.latency.measured} messages)`,
      `p50 ${result.latency.p50?.toFixed(0)} ms, p99 ${result.latency.p99?.toFixed(0)} ms`,
    );
  }
}
