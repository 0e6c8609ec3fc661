/**
 * @module Where the audit log lives: `Logs/YYYY-MM-DD.jsonl` (one file per UTC day, nothing else in
 * `Logs/`), and the chain's anchor and head in the vault's internal folder.
 */
import { open, readdir } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { createReadStream, readFileSync } from "node:fs";
import { FOLDERS, INTERNAL_FOLDER } from "../vault/folders.js";

export const LOG_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

export interface AuditPaths {
  logs: string;
  /** The hash of the last pruned line, where verification starts once old days are deleted. */
  anchor: string;
  /** The hash and position of the last line written, so truncating the tail is detected too. */
  head: string;
  lock: string;
}

export function auditPaths(vaultRoot: string): AuditPaths {
  const internal = path.join(vaultRoot, INTERNAL_FOLDER);
  return {
    logs: path.join(vaultRoot, FOLDERS.logs),
    anchor: path.join(internal, "audit-anchor.json"),
    head: path.join(internal, "audit-head.json"),
    lock: path.join(internal, "audit.lock"),
  };
}

export function logFileFor(date: Date): string {
  return `${date.toISOString().slice(0, 10)}.jsonl`;
}

/** The day files in chronological order. */
export async function listLogFiles(logs: string): Promise<string[]> {
  try {
    return (await readdir(logs)).filter((name) => LOG_FILE.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Bounded tail read: enough for the last line, which the log keeps well under this size. */
const TAIL_BYTES = 256 * 1024;

export async function lastLine(file: string): Promise<string | undefined> {
  return (await lastLines(file, 1)).at(-1);
}

/** Up to `count` last lines of a file, oldest first, from one bounded read of its end. */
export async function lastLines(file: string, count: number): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer
      .toString("utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
    // The first line of a partial read may be cut; drop it unless the read began at the file's start.
    if (length < size) lines.shift();
    return lines.slice(-count);
  } finally {
    await handle.close();
  }
}

/** Streams the lines of one day file without loading it whole. */
export function readLines(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
}

/** A small JSON record (the anchor, the head, an issued request), read synchronously (decision 0007). */
export async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
