/**
 * @module When the vault cannot be written (disk full, read-only, permissions), what the watchers
 * collect is kept aside outside the vault, one JSON line per item, and filed as tasks once the vault is
 * writable again. Nothing a watcher has already taken from its source is lost.
 */
import { appendFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { InboundItem, TaskSink } from "../integrations/inbound-item.js";

/** Errors that mean "the vault cannot take writes now", as opposed to a bad item. */
const VAULT_UNWRITABLE = new Set(["ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EIO"]);

export function isVaultUnwritable(error: unknown): boolean {
  return VAULT_UNWRITABLE.has((error as NodeJS.ErrnoException | undefined)?.code ?? "");
}

export interface VaultSpool {
  /** A sink that keeps an item aside when the vault refuses it, and says so through `onKept`. */
  guard(sink: TaskSink, onKept: (error: unknown) => void): TaskSink;
  /** Files what was kept aside; returns how many became tasks (0 while the vault still refuses). */
  drain(sink: TaskSink): Promise<number>;
}

export function createVaultSpool(directory: string): VaultSpool {
  const file = path.join(directory, "spool.jsonl");

  async function keep(item: InboundItem): Promise<void> {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    await appendFile(file, `${JSON.stringify(item)}\n`, { mode: 0o600 });
  }

  return {
    guard(sink, onKept) {
      return {
        ...sink,
        async submit(item) {
          try {
            return await sink.submit(item);
          } catch (error) {
            if (!isVaultUnwritable(error)) throw error;
            await keep(item);
            onKept(error);
            return { created: false, id: "kept-aside" };
          }
        },
      };
    },
    async drain(sink) {
      const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return "";
        throw error;
      });
      const lines = text.split("\n").filter((line) => line.trim() !== "");
      if (lines.length === 0) return 0;
      let filed = 0;
      const left: string[] = [];
      for (const line of lines) {
        if (left.length > 0) {
          left.push(line);
          continue;
        }
        try {
          await sink.submit(JSON.parse(line) as InboundItem);
          filed += 1;
        } catch (error) {
          if (!isVaultUnwritable(error)) throw error;
          left.push(line);
        }
      }
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, left.map((line) => `${line}\n`).join(""), { mode: 0o600 });
      await rename(temp, file);
      return filed;
    },
  };
}
