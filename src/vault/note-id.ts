/**
 * @module Stable note ids: sortable by creation time, unique across processes, short enough for a file
 * name and a command line (`ai-employee approve 20261126-013600-7f3a9c01`). 32 random bits keep a
 * burst of thousands of notes in one second apart.
 */
import { randomUUID } from "node:crypto";

export function createNoteId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  // A v4 UUID's first eight hex digits are random; randomUUID draws from a buffered pool, which a
  // burst of notes needs (a fresh randomBytes call per note costs more than the rest of the id).
  return `${stamp}-${randomUUID().slice(0, 8)}`;
}
