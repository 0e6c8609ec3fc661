/**
 * @module Reads every note of one kind (`INV-*.md`, `PAY-*.md`) from a books folder, in name order.
 * A folder that does not exist yet holds no notes.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export async function readBookNotes(
  folder: string,
  prefix: string,
): Promise<{ name: string; text: string }[]> {
  let names: string[];
  try {
    names = (await readdir(folder))
      .filter((name) => name.startsWith(`${prefix}-`) && name.endsWith(".md"))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return Promise.all(
    names.map(async (name) => ({ name, text: await readFile(path.join(folder, name), "utf8") })),
  );
}
