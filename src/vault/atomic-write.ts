/**
 * @module Durable, atomic file writes: content goes to a temp file in the same folder, is fsynced, then
 * renamed over the target, so a reader (or a crash) never sees half a file. The folder itself is not
 * fsynced: that would double the cost of every write for protection only against power loss in the
 * instant after a rename, and the rename is atomic either way. Only the fsync waits in the thread pool;
 * the other calls are synchronous (decision 0007).
 */
import { closeSync, existsSync, fsync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const fsyncAsync = promisify(fsync);

export interface AtomicWriteOptions {
  /**
   * Fail with EEXIST instead of replacing an existing file. Checked just before the rename: it guards
   * against filing a note twice under a name that is unique by construction, not against a writer
   * racing for the same name (a hard link would, at twice the metadata cost of every note).
   */
  exclusive?: boolean;
}

let temporaries = 0;

/**
 * A new temp file beside `target`, named uniquely across processes (the pid) and within one (a
 * counter) without drawing random bytes; a name left by a crashed process of the same pid is skipped.
 */
function openTemporary(target: string): { fd: number; temp: string } {
  for (;;) {
    temporaries += 1;
    const temp = path.join(
      path.dirname(target),
      `.${path.basename(target).slice(0, 80)}.${process.pid}-${temporaries}.tmp`,
    );
    try {
      return { fd: openSync(temp, "wx"), temp };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") continue;
      if (code !== "ENOENT") throw error;
      // The folder almost always exists: create it only when the first open says it does not.
      mkdirSync(path.dirname(temp), { recursive: true });
      return { fd: openSync(temp, "wx"), temp };
    }
  }
}

export async function writeFileAtomic(
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const { fd, temp } = openTemporary(target);
  try {
    writeFileSync(fd, content);
    await fsyncAsync(fd);
  } catch (error) {
    closeSync(fd);
    removeQuietly(temp);
    throw error;
  }
  closeSync(fd);
  try {
    if (options.exclusive && existsSync(target)) {
      throw Object.assign(new Error(`EEXIST: file already exists, '${target}'`), { code: "EEXIST" });
    }
    renameSync(temp, target);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone: nothing to clean up.
  }
}
