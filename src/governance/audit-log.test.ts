import { mkdtemp, readFile, readdir, rm, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AUDIT_FIELDS, GENESIS_HASH, type AuditEntry } from "./audit-entry.js";
import { createAuditLog } from "./audit-log.js";
import { pruneAuditLog } from "./audit-retention.js";
import { verifyAuditLog } from "./audit-verify.js";
import { createRedactor } from "./redact.js";

let vault: string;
beforeEach(async () => {
  vault = await mkdtemp(path.join(os.tmpdir(), "audit-log-"));
});
afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

/** A clock a test moves by hand. */
function clock(start: string) {
  let time = new Date(start).getTime();
  return {
    now: () => new Date(time),
    advance(ms: number) {
      time += ms;
    },
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CONFIGURED_SECRET = "imap-password-9f8e7d";

function open(now: () => Date) {
  return createAuditLog(vault, { now, redactor: createRedactor([CONFIGURED_SECRET]) });
}

async function dayFiles(): Promise<string[]> {
  return (await readdir(path.join(vault, "Logs"))).sort();
}

async function linesOf(file: string): Promise<AuditEntry[]> {
  const text = await readFile(path.join(vault, "Logs", file), "utf8");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEntry);
}

async function rewrite(file: string, edit: (lines: string[]) => string[]): Promise<void> {
  const target = path.join(vault, "Logs", file);
  const lines = (await readFile(target, "utf8")).split("\n").filter(Boolean);
  await writeFile(target, `${edit(lines).join("\n")}\n`);
}

async function appendSome(log: ReturnType<typeof open>, count: number, prefix = "event"): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await log.append({ action_type: `${prefix}_${index}`, actor: "test", result: "success" });
  }
}

describe("the audit log's lines", () => {
  it("has every field on every line, null where it does not apply", async () => {
    const time = clock("2026-11-26T09:00:00Z");
    const log = open(time.now);
    await log.append({ action_type: "email_detected", actor: "gmail_watcher", result: "success" });
    await log.append({
      action_type: "send_email",
      actor: "executor",
      target: "ana@client-a.example",
      parameters: { subject: "Quote" },
      approval_status: "approved",
      approved_by: "owner",
      result: "failure",
      error: "503 from the server",
      retry_count: 3,
      task_id: "20261126-090000-aaaaaa",
      approval_id: "20261126-090000-bbbbbb",
      dry_run: true,
    });
    const [minimal, full] = await linesOf("2026-11-26.jsonl");
    for (const line of [minimal!, full!]) expect(Object.keys(line).sort()).toEqual([...AUDIT_FIELDS].sort());
    expect(minimal).toMatchObject({
      timestamp: "2026-11-26T09:00:00.000Z",
      target: null,
      parameters: null,
      approval_status: null,
      approved_by: null,
      error: null,
      retry_count: 0,
      task_id: null,
      approval_id: null,
      dry_run: false,
      prev_hash: GENESIS_HASH,
    });
    expect(full).toMatchObject({
      retry_count: 3,
      dry_run: true,
      result: "failure",
      approved_by: "owner",
      prev_hash: minimal!.hash,
    });
    expect(full!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps secrets out of the file: secret keys, bearer tokens, card numbers, configured values", async () => {
    const log = open(clock("2026-11-26T09:00:00Z").now);
    await log.append({
      action_type: "call_api",
      actor: "executor",
      target: `https://ana:${CONFIGURED_SECRET}@mail.example.com`,
      parameters: {
        api_key: "ak_live_abc123xyz",
        headers: { Authorization: "Bearer xyzABC123456789token" },
        note: "pay with 4111 1111 1111 1111 please, token Bearer xyzABC123456789token",
        login: `the password is ${CONFIGURED_SECRET}`,
      },
      result: "failure",
      error: `401 for Bearer xyzABC123456789token using ${CONFIGURED_SECRET} and card 4111111111111111`,
      result_detail: undefined,
    } as Parameters<typeof log.append>[0]);
    const text = await readFile(path.join(vault, "Logs", "2026-11-26.jsonl"), "utf8");
    for (const secret of [
      "ak_live_abc123xyz",
      "xyzABC123456789token",
      "4111 1111 1111 1111",
      "4111111111111111",
      CONFIGURED_SECRET,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("[REDACTED]");
    expect(await verifyAuditLog(vault)).toEqual({ ok: true, lines: 1 });
  });

  it("summarises huge parameters so a line stays small", async () => {
    const log = open(clock("2026-11-26T09:00:00Z").now);
    const entry = await log.append({
      action_type: "x",
      actor: "t",
      result: "success",
      parameters: { body: "a".repeat(100_000) },
    });
    expect(entry.parameters).toMatchObject({ truncated: true });
    expect(JSON.stringify(entry).length).toBeLessThan(5_000);
  });
});

describe("the hash chain", () => {
  it("runs across days: the first line of a day points at the last line of the day before", async () => {
    const time = clock("2026-11-26T23:59:00Z");
    const log = open(time.now);
    await appendSome(log, 3, "first_day");
    time.advance(2 * 60_000);
    await appendSome(log, 2, "second_day");
    expect(await dayFiles()).toEqual(["2026-11-26.jsonl", "2026-11-27.jsonl"]);
    const first = await linesOf("2026-11-26.jsonl");
    const second = await linesOf("2026-11-27.jsonl");
    expect(second[0]!.prev_hash).toBe(first.at(-1)!.hash);
    // A fresh writer (a restart) continues the same chain.
    await open(time.now).append({ action_type: "after_restart", actor: "t", result: "success" });
    expect((await linesOf("2026-11-27.jsonl"))[2]!.prev_hash).toBe(second[1]!.hash);
    expect(await verifyAuditLog(vault)).toEqual({ ok: true, lines: 6 });
  });

  it("keeps one chain when many appends are batched at once", async () => {
    const log = open(clock("2026-11-26T09:00:00Z").now);
    const entries = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        log.append({ action_type: `a${index}`, actor: "t", result: "success" }),
      ),
    );
    expect(new Set(entries.map((entry) => entry.prev_hash)).size).toBe(40);
    expect(await verifyAuditLog(vault)).toEqual({ ok: true, lines: 40 });
  });

  it("keeps one chain when two writers (two processes' logs) append at the same time", async () => {
    const time = clock("2026-11-26T09:00:00Z");
    const first = open(time.now);
    const second = open(time.now);
    // Each writer appends one line at a time, so their batches interleave on the file.
    await Promise.all([appendSome(first, 30, "first"), appendSome(second, 30, "second")]);
    const lines = await linesOf("2026-11-26.jsonl");
    expect(lines).toHaveLength(60);
    expect(new Set(lines.map((line) => line.prev_hash)).size).toBe(60);
    expect(await verifyAuditLog(vault)).toEqual({ ok: true, lines: 60 });
  });
});

describe("verifyAuditLog", () => {
  async function twoDays(): Promise<void> {
    const time = clock("2026-11-26T10:00:00Z");
    const log = open(time.now);
    await appendSome(log, 4, "one");
    time.advance(DAY);
    await appendSome(log, 4, "two");
  }

  it("is true for an untouched log, and for no log at all", async () => {
    expect(await verifyAuditLog(vault)).toEqual({ ok: true, lines: 0 });
    await twoDays();
    expect(await verifyAuditLog(vault)).toEqual({ ok: true, lines: 8 });
  });

  it("catches an edited line even when the edit keeps valid JSON", async () => {
    await twoDays();
    await rewrite("2026-11-26.jsonl", (lines) =>
      lines.map((line, index) =>
        index === 2 ? line.replace('"result":"success"', '"result":"failure"') : line,
      ),
    );
    expect(await verifyAuditLog(vault)).toMatchObject({
      ok: false,
      file: "2026-11-26.jsonl",
      line: 3,
      lines: 2,
      problem: expect.stringMatching(/does not match its hash/),
    });
  });

  it("catches a line edited together with its hash (the next line no longer follows)", async () => {
    await twoDays();
    const { entryHash } = await import("./audit-chain.js");
    await rewrite("2026-11-26.jsonl", (lines) =>
      lines.map((line, index) => {
        if (index !== 1) return line;
        const { hash: _hash, ...body } = JSON.parse(line) as AuditEntry;
        const edited = { ...body, actor: "someone_else" };
        return JSON.stringify({ ...edited, hash: entryHash(edited) });
      }),
    );
    expect(await verifyAuditLog(vault)).toMatchObject({
      ok: false,
      file: "2026-11-26.jsonl",
      line: 3,
      problem: expect.stringMatching(/chain is broken/),
    });
  });

  it("catches a removed line", async () => {
    await twoDays();
    await rewrite("2026-11-27.jsonl", (lines) => lines.filter((_, index) => index !== 1));
    expect(await verifyAuditLog(vault)).toMatchObject({
      ok: false,
      file: "2026-11-27.jsonl",
      line: 2,
      lines: 5,
      problem: expect.stringMatching(/removed, reordered or inserted/),
    });
  });

  it("catches reordered lines", async () => {
    await twoDays();
    await rewrite("2026-11-26.jsonl", ([a, b, ...rest]) => [b!, a!, ...rest]);
    expect(await verifyAuditLog(vault)).toMatchObject({
      ok: false,
      file: "2026-11-26.jsonl",
      line: 1,
      lines: 0,
    });
  });

  it("catches a removed day", async () => {
    await twoDays();
    await unlink(path.join(vault, "Logs", "2026-11-26.jsonl"));
    expect(await verifyAuditLog(vault)).toMatchObject({ ok: false, file: "2026-11-27.jsonl", line: 1 });
  });

  it("catches a cut tail, by the head the writer keeps", async () => {
    await twoDays();
    await rewrite("2026-11-27.jsonl", (lines) => lines.slice(0, 2));
    expect(await verifyAuditLog(vault)).toMatchObject({
      ok: false,
      lines: 6,
      file: "2026-11-27.jsonl",
      line: 2,
      problem: expect.stringMatching(/removed from the end/),
    });
  });

  it("catches a line that is not JSON or lacks a field", async () => {
    await twoDays();
    await rewrite("2026-11-27.jsonl", (lines) => [lines[0]!, "{ not json", ...lines.slice(1)]);
    expect(await verifyAuditLog(vault)).toMatchObject({
      ok: false,
      file: "2026-11-27.jsonl",
      line: 2,
      problem: expect.stringMatching(/not valid JSON/),
    });
    await rewrite("2026-11-27.jsonl", (lines) => [lines[0]!, ...lines.slice(2)]);
    await rewrite("2026-11-26.jsonl", (lines) =>
      lines.map((line, index) => {
        if (index !== 0) return line;
        const { dry_run: _dryRun, ...rest } = JSON.parse(line) as AuditEntry;
        return JSON.stringify(rest);
      }),
    );
    expect(await verifyAuditLog(vault)).toMatchObject({
      ok: false,
      line: 1,
      problem: "fields missing: dry_run (edited)",
    });
  });
});

describe("pruneAuditLog", () => {
  it("deletes days past the retention and verification still holds, before and after new lines", async () => {
    const time = clock("2026-08-01T12:00:00Z");
    const log = open(time.now);
    for (let day = 0; day < 5; day += 1) {
      await appendSome(log, 2, `day${day}`);
      time.advance(30 * DAY);
    }
    // Days written: 08-01, 08-31, 09-30, 10-30, 11-29; now is 12-29, and 09-30 is exactly 90 days old.
    expect(await dayFiles()).toHaveLength(5);
    const pruned = await pruneAuditLog(vault, time.now());
    expect(pruned).toEqual(["2026-08-01.jsonl", "2026-08-31.jsonl"]);
    expect(await dayFiles()).toEqual(["2026-09-30.jsonl", "2026-10-30.jsonl", "2026-11-29.jsonl"]);
    expect(await verifyAuditLog(vault)).toEqual({ ok: true, lines: 6 });
    await appendSome(log, 1, "after");
    expect(await verifyAuditLog(vault)).toEqual({ ok: true, lines: 7 });
    // Tampering with what remains is still caught.
    await rewrite("2026-10-30.jsonl", (lines) => lines.slice(1));
    expect((await verifyAuditLog(vault)).ok).toBe(false);
  });

  it("prunes everything when everything is old, and the next line chains from the anchor", async () => {
    const time = clock("2026-01-01T12:00:00Z");
    const log = open(time.now);
    await appendSome(log, 3);
    time.advance(200 * DAY);
    expect(await pruneAuditLog(vault, time.now())).toEqual(["2026-01-01.jsonl"]);
    expect(await verifyAuditLog(vault)).toEqual({ ok: true, lines: 0 });
    await appendSome(log, 2);
    expect(await verifyAuditLog(vault)).toEqual({ ok: true, lines: 2 });
    expect(await pruneAuditLog(vault, time.now())).toEqual([]);
  });

  it("keeps a day exactly at the retention boundary", async () => {
    const time = clock("2026-01-01T00:00:00Z");
    await appendSome(open(time.now), 1);
    expect(await pruneAuditLog(vault, new Date("2026-04-01T23:00:00Z"))).toEqual([]);
    expect(await pruneAuditLog(vault, new Date("2026-04-02T00:00:00Z"))).toEqual(["2026-01-01.jsonl"]);
  });
});
