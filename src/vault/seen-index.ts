/**
 * @module A set of keys on disk (one small marker file each) for deduplication across restarts and
 * processes: O(1) per check, no file that grows with every item. Markers are tiny: read and written
 * synchronously (decision 0007).
 *
 * A marker holds its value on one line; recorded again, it is rewritten in place (`rewrite-in-place.ts`)
 * and only its first line is read, so a crash part-way through leaves the new value readable. A marker a
 * crash left empty counts as never recorded.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { rewriteInPlace } from "./rewrite-in-place.js";

export interface SeenIndex {
  /** The value recorded with `key`, or undefined when the key was never recorded. */
  get(key: string): Promise<string | undefined>;
  /** Records `value` (one line) under `key`, replacing what was recorded before. */
  record(key: string, value: string): Promise<void>;
  /**
   * Records `value` under `key` unless the key was recorded before (decided by creating the marker, so
   * two processes cannot both add it); returns the earlier value then, else undefined.
   */
  add(key: string, value: string): Promise<string | undefined>;
}

/** Creates the marker; fails with EEXIST when it is there already. */
function create(target: string, line: string): void {
  try {
    writeFileSync(target, line, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, line, { flag: "wx" });
  }
}

function lineOf(value: string): string {
  if (value.includes("\n")) throw new Error("a seen-index value is one line");
  return `${value}\n`;
}

/** The recorded value: the marker's first line, undefined when that is empty. */
function valueIn(marker: string): string | undefined {
  const text = readFileSync(marker, "utf8");
  const end = text.indexOf("\n");
  return (end === -1 ? text : text.slice(0, end)) || undefined;
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
        return valueIn(marker);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async record(key, value) {
      rewriteInPlace(file(key), lineOf(value));
    },
    async add(key, value) {
      const target = file(key);
      const line = lineOf(value);
      try {
        create(target, line);
        return undefined;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const earlier = valueIn(target);
      if (earlier !== undefined) return earlier;
      rewriteInPlace(target, line);
      return undefined;
    },
  };
}
