/**
 * @module The vault's own record of every approval request it issued, kept where a person does not
 * edit (`.ai-employee/approvals/`). A file in `Approved/` that this registry never issued is a forgery;
 * one whose payload hash differs from the issued one was edited; the issued expiry cannot be extended.
 *
 * Records go into one append-only journal per day of issue (`YYYYMMDD.jsonl`, the first eight digits
 * of the id), appended in batches with one fsync per batch: filing a hundred requests at once costs one
 * disk flush, not a hundred. Each batch is a single append that starts on a new line, so writers in
 * other processes never interleave and a line cut by a crash is skipped. The last record of an id wins.
 *
 * A record may carry the filer's idempotency key: the same key names the same request, so a task
 * re-planned after a crash finds the request it filed instead of filing a second one. Keys are looked up
 * in the journals of the last eight days; a request older than that has expired anyway.
 */
import { closeSync, fstatSync, fsync, mkdirSync, openSync, readSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { INTERNAL_FOLDER } from "../vault/folders.js";
import { createGroupCommit } from "../vault/group-commit.js";
import { readJson } from "./audit-files.js";

export interface IssuedRequest {
  id: string;
  server: string;
  tool: string;
  payload_sha256: string;
  created: string;
  expires: string;
  origin: "employee" | "outside_client";
  task: string | null;
  /** The request note's file name, to find it again in whatever folder a person moved it to. */
  file: string;
  /** The filer's idempotency key, if it gave one. */
  key?: string;
}

export interface ApprovalRegistry {
  /** Records a request; re-filing the same id after a crash part-way through replaces the record. */
  issue(request: IssuedRequest): Promise<void>;
  get(id: string): Promise<IssuedRequest | undefined>;
  /** The request filed under an idempotency key in the eight days up to `now`. */
  byKey(key: string, now: Date): Promise<IssuedRequest | undefined>;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;
/** Days whose journal this process keeps indexed: approvals are checked within days of issue. */
const CACHED_DAYS = 8;
const DAY_MS = 24 * 3_600_000;
const PAST_DAY_RECHECK_MS = 60_000;

const fsyncAsync = promisify(fsync);

interface DayIndex {
  /** Bytes of the journal already read into `records`. */
  offset: number;
  /** When the journal was last looked at. */
  checkedAt: number;
  records: Map<string, IssuedRequest>;
  keys: Map<string, IssuedRequest>;
}

export function createApprovalRegistry(vaultRoot: string): ApprovalRegistry {
  const directory = path.join(vaultRoot, INTERNAL_FOLDER, "approvals");
  const journal = (day: string) => path.join(directory, `${day}.jsonl`);
  const days = new Map<string, DayIndex>();

  /**
   * The day's index, brought up to date with whatever any process appended since the last look, unless
   * that look was less than `maxAgeMs` ago.
   */
  function indexOf(day: string, maxAgeMs = 0): DayIndex {
    const index = days.get(day) ?? { offset: 0, checkedAt: -Infinity, records: new Map(), keys: new Map() };
    days.delete(day);
    days.set(day, index);
    for (const old of days.keys()) if (days.size > CACHED_DAYS) days.delete(old);
    if (Date.now() - index.checkedAt < maxAgeMs) return index;
    index.checkedAt = Date.now();
    // Most looks find the journal as it was: one stat answers them.
    const size = statSync(journal(day), { throwIfNoEntry: false })?.size;
    if (size === undefined || size <= index.offset) return index;
    let fd: number;
    try {
      fd = openSync(journal(day), "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return index;
      throw error;
    }
    try {
      const { size } = fstatSync(fd);
      if (size <= index.offset) return index;
      const fresh = Buffer.alloc(size - index.offset);
      const read = readSync(fd, fresh, 0, fresh.length, index.offset);
      // A batch another process is still writing ends without a newline: it is read next time.
      const complete = fresh.subarray(0, read).lastIndexOf(0x0a) + 1;
      for (const line of fresh.subarray(0, complete).toString("utf8").split("\n")) {
        const record = parseRecord(line);
        if (!record) continue;
        index.records.set(record.id, record);
        if (record.key !== undefined && !index.keys.has(record.key)) index.keys.set(record.key, record);
      }
      index.offset += complete;
      return index;
    } finally {
      closeSync(fd);
    }
  }

  /** Appends a batch to the journals of its requests' days: one write and one fsync per day. */
  async function commit(batch: IssuedRequest[]): Promise<void[]> {
    const byDay = new Map<string, IssuedRequest[]>();
    for (const record of batch) {
      const day = dayOf(record.id);
      const records = byDay.get(day) ?? [];
      records.push(record);
      byDay.set(day, records);
    }
    mkdirSync(directory, { recursive: true });
    for (const [day, records] of byDay) {
      const fd = openSync(journal(day), "a");
      try {
        writeSync(fd, `\n${records.map((record) => JSON.stringify(record)).join("\n")}\n`);
        await fsyncAsync(fd);
      } finally {
        closeSync(fd);
      }
    }
    return batch.map(() => undefined);
  }

  const append = createGroupCommit(commit);

  async function get(id: string): Promise<IssuedRequest | undefined> {
    if (!SAFE_ID.test(id)) return undefined;
    const issued = /^\d{8}-/.test(id) ? indexOf(dayOf(id)).records.get(id) : undefined;
    // Requests issued before the journal existed have a file of their own.
    return issued ?? readJson<IssuedRequest>(path.join(directory, `${id}.json`));
  }

  return {
    get,
    async byKey(key, now) {
      for (let back = 0; back < CACHED_DAYS; back += 1) {
        const day = new Date(now.getTime() - back * DAY_MS).toISOString().slice(0, 10).replace(/-/g, "");
        // Today's journal grows; an earlier day's gains a line only when a crash made a request be re-filed.
        const found = indexOf(day, back === 0 ? 0 : PAST_DAY_RECHECK_MS).keys.get(key);
        if (found) return found;
      }
      return undefined;
    },
    async issue(request) {
      if (!/^\d{8}-/.test(request.id) || !SAFE_ID.test(request.id))
        throw new Error(`cannot issue approval "${request.id}": not a note id`);
      await append(request);
    },
  };
}

function dayOf(id: string): string {
  return id.slice(0, 8);
}

function parseRecord(line: string): IssuedRequest | undefined {
  if (line.trim() === "") return undefined;
  try {
    const record = JSON.parse(line) as IssuedRequest;
    return typeof record.id === "string" ? record : undefined;
  } catch {
    return undefined;
  }
}
