/**
 * @module Stable note ids: sortable by creation time, unique across processes, short enough for a file
 * name and a command line (`ai-employee approve 20261126-013600-7f3a9c`).
 */
import { randomBytes } from "node:crypto";

export function createNoteId(now: Date, random: (size: number) => Buffer = randomBytes): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${random(3).toString("hex")}`;
}

const NOTE_ID = /^\d{8}-\d{6}-[0-9a-f]{6}$/;

export function isNoteId(value: string): boolean {
  return NOTE_ID.test(value);
}
