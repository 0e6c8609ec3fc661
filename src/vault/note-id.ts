/**
 * @module Stable note ids: sortable by creation time, unique across processes, short enough for a file
 * name and a command line (`ai-employee approve 20261126-013600-7f3a9c01`). 32 random bits keep a
 * burst of thousands of notes in one second apart.
 */
import { randomBytes } from "node:crypto";

export function createNoteId(now: Date, random: (size: number) => Buffer = randomBytes): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${random(4).toString("hex")}`;
}
