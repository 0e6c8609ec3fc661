/**
 * @module A set of keys on disk (one small marker file each) for deduplication across restarts and
 * processes: O(1) per check, no file that grows with every item. Markers are tiny: read and written
 * synchronously (decision 0007). An empty marker is one a crash cut short between its creation and its
 * content: it counts as never recorded.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface SeenIndex {
  /** The value recorded with `key`, or undefined when the key was never recorded. */
  get(key: string): Promise<string | undefined>;
  record(key: string, value: string): Promise<void>;
  /**
   * Records `value` under `key` unless the key was recorded before (decided by creating the marker, so
   * two processes cannot both add it); returns the earlier value then, else undefined.
   */
  add(key: string, value: string): Promise<string | undefined>;
}

function write(target: string, value: string, flag: "w" | "wx"): void {
  try {
    writeFileSync(target, value, { flag });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, value, { flag });
  }
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
        return readFileSync(marker, "utf8") || undefined;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async record(key, value) {
      write(file(key), value, "w");
    },
    async add(key, value) {
      const target = file(key);
      try {
        write(target, value, "wx");
        return undefined;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const earlier = readFileSync(target, "utf8");
      if (earlier !== "") return earlier;
      write(target, value, "w");
      return undefined;
    },
  };
}
