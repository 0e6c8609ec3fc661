/**
 * @module A set of keys on disk (one empty-ish marker file each) for deduplication across restarts and
 * processes: O(1) per check, no file that grows with every item.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export interface SeenIndex {
  /** The value recorded with `key`, or undefined when the key was never recorded. */
  get(key: string): Promise<string | undefined>;
  record(key: string, value: string): Promise<void>;
}

export function createSeenIndex(directory: string): SeenIndex {
  const file = (key: string) => {
    const digest = createHash("sha256").update(key).digest("hex");
    return path.join(directory, digest.slice(0, 2), digest);
  };
  return {
    async get(key) {
      try {
        return await readFile(file(key), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async record(key, value) {
      const target = file(key);
      await writeFile(target, value).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, value);
      });
    },
  };
}
