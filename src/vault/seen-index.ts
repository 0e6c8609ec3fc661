/**
 * @module A set of keys on disk (one empty-ish marker file each) for deduplication across restarts and
 * processes: O(1) per check, no file that grows with every item. Markers are tiny: read and written
 * synchronously (decision 0007).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
      const marker = file(key);
      // Most keys were never seen: a stat is cheaper than the error a failed read throws.
      if (!existsSync(marker)) return undefined;
      try {
        return readFileSync(marker, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async record(key, value) {
      const target = file(key);
      try {
        writeFileSync(target, value);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, value);
      }
    },
  };
}
