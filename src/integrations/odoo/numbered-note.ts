/**
 * @module Creates the next note of a yearly sequence (`INV-2026-0001.md`, `PAY-2026-0001.md`) without
 * ever overwriting one: the file is created exclusively, and a number another process took first is
 * skipped. Numbers are never reused, even when a person deletes a note, because the highest number
 * on disk only grows.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../../vault/atomic-write.js";
import { SystemError } from "../../governance/errors/system-error.js";

/** Two writers racing for the same number lose at most a few rounds; fifty means something else is wrong. */
const MAX_NUMBER_ATTEMPTS = 50;

export async function createNumberedNote(
  folder: string,
  prefix: string,
  year: number,
  render: (number: string) => string,
): Promise<string> {
  const pattern = new RegExp(`^${prefix}-${year}-(\\d+)\\.md$`);
  let next = 1;
  try {
    for (const name of await readdir(folder)) {
      const sequence = Number(pattern.exec(name)?.[1] ?? 0);
      if (sequence >= next) next = sequence + 1;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt += 1) {
    const number = `${prefix}-${year}-${String(next + attempt).padStart(4, "0")}`;
    try {
      await writeFileAtomic(path.join(folder, `${number}.md`), render(number), { exclusive: true });
      return number;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new SystemError(
    `Could not find a free ${prefix} number in ${folder} after ${MAX_NUMBER_ATTEMPTS} tries`,
  );
}
