/**
 * @module The Handbook as the code sees it: re-read when the file changes (a person's edit applies to
 * the next decision), and a page that cannot be read raises one alert and gives the safe default.
 */
import { readFile, stat } from "node:fs/promises";
import { parseHandbook, SAFE_DEFAULT, type HandbookReading } from "../governance/handbook.js";
import { HANDBOOK_FILE } from "../vault/folders.js";
import type { NoteStore } from "../vault/note-store.js";

/** How often the file is looked at again. */
const RECHECK_MS = 1_000;

export function createHandbookSource(store: NoteStore, onProblems: (problems: string[]) => Promise<void>) {
  let cached: { mtimeMs: number; size: number; reading: HandbookReading } | undefined;
  let checked: { at: number; reading: Promise<HandbookReading> } | undefined;
  // Decisions come in bursts; a person's edit applies within a second, not one stat per decision, and
  // the burst's callers share one look at the file.
  return (): Promise<HandbookReading> => {
    if (checked && Date.now() - checked.at < RECHECK_MS) return checked.reading;
    const reading = look();
    checked = { at: Date.now(), reading };
    reading.catch(() => {
      if (checked?.reading === reading) checked = undefined;
    });
    return reading;
  };

  async function look(): Promise<HandbookReading> {
    const file = store.absolute(HANDBOOK_FILE);
    let info;
    try {
      info = await stat(file);
    } catch {
      const reading = {
        handbook: SAFE_DEFAULT,
        problems: [`${HANDBOOK_FILE} is missing: run "ai-employee init" to restore it`],
      };
      if (cached?.mtimeMs !== -1) await onProblems(reading.problems);
      cached = { mtimeMs: -1, size: 0, reading };
      return reading;
    }
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.reading;
    const reading = parseHandbook(await readFile(file, "utf8"));
    if (reading.problems.length > 0) await onProblems(reading.problems);
    cached = { mtimeMs: info.mtimeMs, size: info.size, reading };
    return reading;
  }
}
