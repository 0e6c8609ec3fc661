/**
 * @module Claim-by-move: a worker owns a task by renaming it from `Needs_Action/` into
 * `In_Progress/<agent>/`. Of two workers racing, the rename of the loser fails with ENOENT.
 * A stale claim (its owner process gone) is returned to the queue, except a task that waits for a
 * person (`status: awaiting_approval`), which is not stale at all.
 */
import path from "node:path";
import { FOLDERS } from "./folders.js";
import type { NoteStore } from "./note-store.js";

export function inProgressFolder(agent: string): string {
  return path.posix.join(FOLDERS.inProgress, agent);
}

/** Returns the claimed path, or undefined when another worker (or a person) took it first. */
export async function claimTask(store: NoteStore, relative: string, agent: string): Promise<string | undefined> {
  try {
    return await store.move(relative, inProgressFolder(agent));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Puts back every claim of `agent` that is not waiting for a person. Called by the agent itself at
 * start (its previous process died mid-task) or by another agent once the owner's lock is stale.
 */
export async function releaseStaleClaims(store: NoteStore, agent: string): Promise<string[]> {
  const released: string[] = [];
  for (const relative of await store.list(inProgressFolder(agent))) {
    let waiting = false;
    try {
      const note = await store.read(relative);
      waiting = note.data.status === "awaiting_approval";
    } catch {
      // An unreadable claim goes back too; the orchestrator quarantines it on the next claim.
    }
    if (!waiting) released.push(await store.move(relative, FOLDERS.needsAction));
  }
  return released;
}
