/**
 * @module `ai-employee init`: the seed's folders and the templates, idempotent. A file that exists is
 * never overwritten, so a person's edits survive every run; the state folders get no placeholder files.
 */
import { copyFile, mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FOLDERS, INTERNAL_FOLDER } from "./folders.js";

/** The shipped templates, found from this file in both `src/` (tests) and `dist/` (the built CLI). */
export const TEMPLATE_ROOT = fileURLToPath(new URL("../../templates/vault", import.meta.url));

export interface InitResult {
  created: string[];
  kept: string[];
}

export async function initVault(root: string, templateRoot = TEMPLATE_ROOT): Promise<InitResult> {
  const result: InitResult = { created: [], kept: [] };
  for (const folder of [...Object.values(FOLDERS), INTERNAL_FOLDER]) {
    await mkdir(path.join(root, folder), { recursive: true });
  }
  await copyMissing(templateRoot, root, "", result);
  return result;
}

async function copyMissing(from: string, to: string, relative: string, result: InitResult): Promise<void> {
  for (const entry of await readdir(path.join(from, relative), { withFileTypes: true })) {
    const child = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) {
      await mkdir(path.join(to, child), { recursive: true });
      await copyMissing(from, to, child, result);
      continue;
    }
    try {
      await copyFile(path.join(from, child), path.join(to, child), 1 /* COPYFILE_EXCL */);
      result.created.push(child);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      result.kept.push(child);
    }
  }
}
