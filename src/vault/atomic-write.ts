/**
 * @module Durable, atomic file writes: content goes to a temp file in the same folder, is fsynced, then
 * renamed over the target, so a reader (or a crash) never sees half a file. The folder itself is not
 * fsynced: that would double the cost of every write for protection only against power loss in the
 * instant after a rename, and the rename is atomic either way.
 */
import { randomBytes } from "node:crypto";
import { link, mkdir, open, rename, unlink } from "node:fs/promises";
import path from "node:path";

export interface AtomicWriteOptions {
  /** Fail with EEXIST instead of replacing an existing file. */
  exclusive?: boolean;
}

export async function writeFileAtomic(
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const directory = path.dirname(target);
  const temp = path.join(directory, `.${path.basename(target).slice(0, 80)}.${randomBytes(6).toString("hex")}.tmp`);
  // The folder almost always exists: create it only when the first open says it does not.
  const handle = await open(temp, "wx").catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
    await mkdir(directory, { recursive: true });
    return open(temp, "wx");
  });
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (options.exclusive) {
      // link() fails if the target exists, which rename() would silently replace.
      await link(temp, target);
      await unlink(temp);
    } else {
      await rename(temp, target);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
