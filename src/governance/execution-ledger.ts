/**
 * @module Exactly once: an idempotency record is written (durably, exclusively) before an outward call
 * and completed after it. A record that was started but never completed means the call may have gone
 * out; it is never repeated automatically.
 */
import { unlink } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../vault/atomic-write.js";
import { INTERNAL_FOLDER } from "../vault/folders.js";
import { readJson } from "./audit-files.js";

export type LedgerRecord =
  | { state: "started"; key: string; pid: number; at: string }
  | { state: "succeeded"; key: string; at: string; result: unknown }
  | { state: "failed"; key: string; at: string; error: string; retryable: boolean };

export interface ExecutionLedger {
  /** Claims the key; false when it was claimed before (by anyone, ever). */
  begin(key: string, now: Date): Promise<boolean>;
  complete(record: Exclude<LedgerRecord, { state: "started" }>): Promise<void>;
  get(key: string): Promise<LedgerRecord | undefined>;
  /** Forgets a failure that is safe to try again (the call provably did not go out). */
  clearRetryable(key: string): Promise<void>;
}

export function createExecutionLedger(vaultRoot: string): ExecutionLedger {
  const directory = path.join(vaultRoot, INTERNAL_FOLDER, "ledger");
  const file = (key: string) => path.join(directory, `${key.replace(/[^A-Za-z0-9_-]/g, "_")}.json`);
  return {
    async begin(key, now) {
      try {
        const record: LedgerRecord = { state: "started", key, pid: process.pid, at: now.toISOString() };
        await writeFileAtomic(file(key), JSON.stringify(record), { exclusive: true });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw error;
      }
    },
    async complete(record) {
      await writeFileAtomic(file(record.key), JSON.stringify(record));
    },
    get: (key) => readJson<LedgerRecord>(file(key)),
    async clearRetryable(key) {
      const record = await readJson<LedgerRecord>(file(key));
      if (record?.state !== "failed" || !record.retryable) return;
      await unlink(file(key)).catch(() => undefined);
    },
  };
}
