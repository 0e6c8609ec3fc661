/**
 * @module Small JSON documents the employee keeps for itself (watcher cursors, ledgers) in
 * `.ai-employee/state/` inside the vault. Obsidian hides dot-folders; secrets never go here.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "./atomic-write.js";

export interface StateStore {
  read<T>(key: string): Promise<T | undefined>;
  write(key: string, value: unknown): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9._-]{0,120}$/i;

export function createStateStore(directory: string): StateStore {
  function file(key: string): string {
    if (!SAFE_KEY.test(key)) throw new Error(`invalid state key "${key}"`);
    return path.join(directory, `${key}.json`);
  }
  return {
    async read<T>(key: string): Promise<T | undefined> {
      try {
        return JSON.parse(readFileSync(file(key), "utf8")) as T;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async write(key, value) {
      await writeFileAtomic(file(key), `${JSON.stringify(value, null, 2)}\n`);
    },
  };
}
