/**
 * @module Reading, writing, listing and moving notes inside the vault. Paths are vault-relative with
 * forward slashes; anything that would leave the vault is refused. A move is one atomic rename. Notes
 * are small local files: they are read and moved synchronously (decision 0007).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { DataError } from "../governance/errors/data-error.js";
import { writeFileAtomic } from "./atomic-write.js";
import { parseNote, renderNote, type Note } from "./note.js";

/** Notes past this size are not parsed: a person's note is never that big, a hostile drop may be. */
export const MAX_NOTE_BYTES = 2 * 1024 * 1024;

export interface StoredNote extends Note {
  /** Vault-relative path, e.g. `Needs_Action/EMAIL_quote_20261126-013600-7f3a9c.md`. */
  path: string;
}

export interface NoteStore {
  readonly root: string;
  absolute(relative: string): string;
  read(relative: string): Promise<StoredNote>;
  write(relative: string, note: Note, options?: { exclusive?: boolean }): Promise<void>;
  /** Moves a file into `folder`, keeping its name; returns the new relative path. */
  move(relative: string, folder: string): Promise<string>;
  /** Markdown files directly inside `folder` (not dot-files), sorted by name. Missing folder → []. */
  list(folder: string): Promise<string[]>;
  exists(relative: string): Promise<boolean>;
}

export function createNoteStore(root: string): NoteStore {
  function absolute(relative: string): string {
    const resolved = path.resolve(root, relative);
    if (resolved !== root && !resolved.startsWith(root + path.sep)) {
      throw new DataError(`refused a path outside the vault: ${relative}`);
    }
    return resolved;
  }

  return {
    root,
    absolute,
    async read(relative) {
      const file = absolute(relative);
      const info = statSync(file);
      if (info.size > MAX_NOTE_BYTES) {
        throw new DataError(`${relative}: the note is ${info.size} bytes, more than the ${MAX_NOTE_BYTES} a note may have`);
      }
      const text = readFileSync(file, "utf8");
      return { path: relative, ...parseNote(text, relative) };
    },
    async write(relative, note, options = {}) {
      await writeFileAtomic(absolute(relative), renderNote(note), options);
    },
    async move(relative, folder) {
      const target = path.posix.join(folder, path.posix.basename(relative));
      try {
        renameSync(absolute(relative), absolute(target));
      } catch (error) {
        // ENOENT is a missing source (a lost claim) or a missing folder: create the folder, try once more.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        mkdirSync(absolute(folder), { recursive: true });
        renameSync(absolute(relative), absolute(target));
      }
      return target;
    },
    async list(folder) {
      try {
        const entries = await readdir(absolute(folder), { withFileTypes: true });
        return entries
          .filter((entry) => entry.isFile() && entry.name.endsWith(".md") && !entry.name.startsWith("."))
          .map((entry) => path.posix.join(folder, entry.name))
          .sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
    },
    async exists(relative) {
      return existsSync(absolute(relative));
    },
  };
}
