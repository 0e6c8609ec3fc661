/**
 * @module The approval requests waiting for a person now (`Pending_Approval/`): how long each has waited
 * and when it expires — for "approvals waiting too long" and the upcoming deadlines.
 */
import path from "node:path";
import { FOLDERS } from "../vault/folders.js";
import type { NoteStore } from "../vault/note-store.js";
import { mapBounded } from "./map-bounded.js";

/** A person clears this folder by hand; past this many, the oldest are shown and the rest counted. */
const MAX_PENDING_READ = 500;
const READ_CONCURRENCY = 16;

export interface PendingApproval {
  id: string;
  link: string;
  tool: string;
  /** What it does, from the request's heading ("Email to ana@…"). */
  summary: string;
  created: number | undefined;
  expires: number | undefined;
}

export interface PendingApprovals {
  requests: PendingApproval[];
  /** Requests not read because there were more than the bound. */
  notRead: number;
}

function time(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

export async function readPendingApprovals(store: NoteStore): Promise<PendingApprovals> {
  // Ids start with the filing time, so the names sort oldest first within an action; sort by id instead.
  const files = (await store.list(FOLDERS.pendingApproval)).sort((a, b) =>
    (/_([^_]+)\.md$/.exec(a)?.[1] ?? a).localeCompare(/_([^_]+)\.md$/.exec(b)?.[1] ?? b),
  );
  const read = files.slice(0, MAX_PENDING_READ);
  const notes = await mapBounded(read, READ_CONCURRENCY, (relative) =>
    store.read(relative).catch(() => undefined),
  );
  const requests: PendingApproval[] = [];
  for (const [index, note] of notes.entries()) {
    if (!note || note.data.type !== "approval_request") continue;
    const link = path.posix.basename(read[index]!, ".md");
    const tool = typeof note.data.tool === "string" ? note.data.tool : "action";
    requests.push({
      id: typeof note.data.id === "string" ? note.data.id : link,
      link,
      tool,
      summary: /^# Approval needed: (.+)$/m.exec(note.body)?.[1]?.trim() ?? tool,
      created: time(note.data.created),
      expires: time(note.data.expires),
    });
  }
  return { requests, notRead: files.length - read.length };
}
