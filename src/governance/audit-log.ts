/**
 * @module The audit log writer. Appends are batched in process and serialised across processes (the
 * MCP servers write too) with a lock file; each batch reads the chain's last hash under the lock, so two
 * processes never fork the chain. Secrets are redacted before anything is written. Only the fsync of a
 * batch waits in the thread pool; the small writes around it are synchronous (decision 0007).
 */
import { appendFileSync, closeSync, fstatSync, fsync, mkdirSync, openSync, statSync } from "node:fs";
import { promisify } from "node:util";
import path from "node:path";
import lockfile from "proper-lockfile";
import { entryHash } from "./audit-chain.js";
import { GENESIS_HASH, type AuditEntry, type AuditEvent } from "./audit-entry.js";
import { auditPaths, lastLine, listLogFiles, logFileFor, readJson } from "./audit-files.js";
import { canonicalJson } from "./payload-hash.js";
import { createGroupCommit } from "../vault/group-commit.js";
import { rewriteInPlace } from "../vault/rewrite-in-place.js";
import type { Redactor } from "./redact.js";

export interface AuditLog {
  append(event: AuditEvent): Promise<AuditEntry>;
}

/** Parameters past this size are summarised: a log line must stay small enough to tail-read. */
const MAX_PARAMETERS_CHARS = 16 * 1024;
const MAX_ERROR_CHARS = 2_000;
const fsyncAsync = promisify(fsync);
/** How long a batch stays open for more lines: one fsync then serves a burst of appends. */
const BATCH_WINDOW_MS = 2;

/**
 * Lock waits: another writer (the second planning thread, an MCP server) holds it for one batch, a
 * millisecond or two, so the first retries come that soon; the waits grow to 20 ms and last some 12 s
 * in all, past the 10 s after which a dead writer's lock is stale.
 */
const LOCK_OPTIONS = {
  stale: 10_000,
  retries: { retries: 600, minTimeout: 1, maxTimeout: 20 },
  realpath: false,
};

export function createAuditLog(vaultRoot: string, deps: { now(): Date; redactor: Redactor }): AuditLog {
  const paths = auditPaths(vaultRoot);

  function shape(event: AuditEvent, timestamp: string): Omit<AuditEntry, "prev_hash" | "hash"> {
    let parameters = event.parameters === undefined ? null : deps.redactor.value(event.parameters);
    if (parameters !== null) {
      const text = canonicalJson(parameters);
      if (text.length > MAX_PARAMETERS_CHARS) parameters = { truncated: true, preview: text.slice(0, 1_000) };
    }
    const error = event.error == null ? null : deps.redactor.text(event.error).slice(0, MAX_ERROR_CHARS);
    return {
      timestamp,
      action_type: event.action_type,
      actor: event.actor,
      target: event.target == null ? null : deps.redactor.text(event.target),
      parameters,
      approval_status: event.approval_status ?? null,
      approved_by: event.approved_by ?? null,
      result: event.result,
      error,
      retry_count: event.retry_count ?? 0,
      task_id: event.task_id ?? null,
      approval_id: event.approval_id ?? null,
      dry_run: event.dry_run ?? false,
    };
  }

  async function previousHash(): Promise<string> {
    const files = await listLogFiles(paths.logs);
    for (const file of files.reverse()) {
      const line = await lastLine(path.join(paths.logs, file));
      if (line !== undefined) return (JSON.parse(line) as AuditEntry).hash;
    }
    const anchor = await readJson<{ hash: string }>(paths.anchor);
    return anchor?.hash ?? GENESIS_HASH;
  }

  /** The chain's head as this process last wrote it, so a batch need not re-read the log's tail. */
  let known: { file: string; size: number; hash: string } | undefined;
  let foldersReady = false;

  /** The hash to chain onto: the cached head while the day file is as this process left it. */
  async function head(today: string): Promise<string> {
    if (known?.file === today) {
      const size = statSync(path.join(paths.logs, today), { throwIfNoEntry: false })?.size;
      if (size === known.size) return known.hash;
    }
    return previousHash();
  }

  /** The lock at once when it is free (the usual case), else waiting for the other writer's batch. */
  async function acquireLock(): Promise<() => unknown> {
    const target = path.dirname(paths.lock);
    try {
      return lockfile.lockSync(target, { ...LOCK_OPTIONS, retries: 0, lockfilePath: paths.lock });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
      return lockfile.lock(target, { ...LOCK_OPTIONS, lockfilePath: paths.lock });
    }
  }

  async function commit(batch: AuditEvent[]): Promise<AuditEntry[]> {
    try {
      if (!foldersReady) {
        mkdirSync(paths.logs, { recursive: true });
        mkdirSync(path.dirname(paths.lock), { recursive: true });
        foldersReady = true;
      }
      const release = await acquireLock();
      try {
        let previous = await head(logFileFor(deps.now()));
        const byFile = new Map<string, string[]>();
        const entries: AuditEntry[] = [];
        for (const event of batch) {
          const now = deps.now();
          const body = { ...shape(event, now.toISOString()), prev_hash: previous };
          const entry: AuditEntry = { ...body, hash: entryHash(body) };
          previous = entry.hash;
          entries.push(entry);
          const file = logFileFor(now);
          const lines = byFile.get(file) ?? [];
          lines.push(`${JSON.stringify(entry)}\n`);
          byFile.set(file, lines);
        }
        for (const [file, lines] of byFile) {
          const fd = openSync(path.join(paths.logs, file), "a");
          try {
            appendFileSync(fd, lines.join(""));
            await fsyncAsync(fd);
            known = { file, size: fstatSync(fd).size, hash: "" };
          } finally {
            closeSync(fd);
          }
        }
        const last = entries.at(-1);
        if (last !== undefined) {
          if (known) known.hash = last.hash;
          // The same length every time (a hash and an ISO time): rewritten in place (decision 0009).
          rewriteInPlace(paths.head, JSON.stringify({ hash: last.hash, timestamp: last.timestamp }));
        }
        return entries;
      } finally {
        await release();
      }
    } catch (error) {
      // A folder deleted under us is made again on the next batch.
      foldersReady = false;
      known = undefined;
      throw error;
    }
  }

  // Group commit: the appends of everything else that is running join the batch within the window.
  const append = createGroupCommit(commit, BATCH_WINDOW_MS);

  return { append };
}
