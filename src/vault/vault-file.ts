/**
 * @module A file a person named by its vault path (an attachment, a post's image), resolved safely:
 * inside the vault even after symbolic links, never the employee's internal state, and a regular file.
 */
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { DataError } from "../governance/errors/data-error.js";
import { INTERNAL_FOLDER } from "./folders.js";

/** The real path and size of `vaultPath`; `label` names it in errors ("attachment", "media file"). */
export async function resolveVaultFile(vaultRoot: string, vaultPath: string, label: string): Promise<{ real: string; size: number }> {
  const root = await realpath(vaultRoot);
  const relative = path.relative(root, path.resolve(root, vaultPath));
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new DataError(`The ${label} path "${vaultPath}" is outside the vault; give a path inside the vault.`);
  }
  let real: string;
  try {
    real = await realpath(path.resolve(root, vaultPath));
  } catch {
    throw new DataError(`The ${label} "${vaultPath}" does not exist in the vault.`);
  }
  // A symbolic link inside the vault must not lead out of it.
  const realRelative = path.relative(root, real);
  if (realRelative.startsWith("..") || path.isAbsolute(realRelative)) {
    throw new DataError(`The ${label} path "${vaultPath}" leads outside the vault.`);
  }
  if (realRelative.split(path.sep)[0] === INTERNAL_FOLDER) {
    throw new DataError(`The ${label} "${vaultPath}" is the employee's internal state and is never sent.`);
  }
  const info = await lstat(real);
  if (!info.isFile()) throw new DataError(`The ${label} path "${vaultPath}" is not a file.`);
  return { real, size: info.size };
}
