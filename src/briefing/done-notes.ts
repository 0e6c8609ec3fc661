/**
 * @module The week's completed tasks and the approval requests that went with them, found without
 * reading all of `Done/`: a note's file name ends with its id, `..._YYYYMMDD-HHMMSS-xxxxxx.md`, which
 * carries the (UTC) time it was filed, so only the notes filed in a bounded window before the week are
 * opened, and of those only the front matter.
 */
import { statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { FOLDERS } from "../vault/folders.js";
import { parseNote } from "../vault/note.js";
import { readSimpleFields } from "./front-matter-fields.js";
import { createHeadReader, HEAD_BATCH, yieldToEventLoop } from "./note-head.js";
import type { BriefingWeek } from "./briefing-week.js";
import type { WeekLog } from "./week-log.js";

/**
 * How long before the week a task completed in it may have been filed. The Ralph loop gives up on a task
 * after 7 days and approval requests expire within days, so 8 weeks leaves room for a task a person kept
 * open by hand; a task that took longer is left out of the week's list (and the decision note says so).
 */
export const MAX_TASK_AGE_DAYS = 56;

const ID_IN_NAME = /_\d{8}-\d{6}-[0-9a-f]{6,8}\.md$/;
const APPROVAL_TYPE = /^type:[ \t]*["']?approval_request["']?[ \t]*$/m;
const COMPLETED = /^completed:[ \t]*["']?([^"'\n]+?)["']?[ \t]*$/m;

export interface DoneTask {
  id: string;
  /** File name without `.md`, for a wikilink. */
  link: string;
  relative: string;
  subject: string;
  type: string;
  domain: "personal" | "business";
  status: string;
  /** Epoch milliseconds; undefined when the note's `received` is missing or not a date. */
  received: number | undefined;
  completed: number;
  approvalIds: string[];
}

export interface ApprovalTrail {
  id: string;
  link: string;
  tool: string;
  status: string;
  created: number | undefined;
  decidedAt: number | undefined;
  executedAt: number | undefined;
}

export interface DoneNotes {
  tasks: DoneTask[];
  /** The approval requests of the week's tasks, by id. */
  approval(id: string): Promise<ApprovalTrail | undefined>;
  /** When the task's plan (in `Done/`) says it was written. */
  planCreated(task: DoneTask): Promise<number | undefined>;
  /** Notes whose front matter could not be read; they are left out. */
  unreadable: string[];
  /** How many notes were opened, of how many in the folders. */
  opened: number;
  listed: number;
}

/** `YYYYMMDD-HHMMSS` of an instant, the way ids spell it; such stamps compare as strings. */
function stampOf(instant: number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

/**
 * The id of a note whose name says it was filed in [from, to), else undefined. Done/ holds a year's notes
 * (150,000 names), so the cheap string comparison runs before the full pattern.
 */
function idFiledIn(name: string, from: string, to: string): string | undefined {
  const id = name.slice(name.lastIndexOf("_") + 1, -3);
  const stamp = id.slice(0, 15);
  if (stamp < from || stamp >= to || !ID_IN_NAME.test(name)) return undefined;
  return id;
}

async function listNames(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((name) => name.endsWith(".md") && !name.startsWith("."));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

const TASK_FIELDS = ["id", "type", "subject", "from", "domain", "status", "received", "task", "approvals"];
const APPROVAL_FIELDS = ["tool", "action", "status", "created", "decided_at", "executed_at"];

/** The fields, read the fast way when the note allows it, else by the YAML parser; undefined if unreadable. */
function fieldsOf(
  head: string,
  relative: string,
  wanted: readonly string[],
): Record<string, unknown> | undefined {
  const simple = readSimpleFields(head, wanted);
  if (simple) return simple;
  try {
    return parseNote(head, relative).data;
  } catch {
    return undefined;
  }
}

function time(value: unknown): number | undefined {
  if (typeof value !== "string" && !(value instanceof Date)) return undefined;
  const parsed = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

export async function readDoneNotes(vaultRoot: string, week: BriefingWeek, log: WeekLog): Promise<DoneNotes> {
  const from = week.startInstant.getTime();
  const to = week.endInstant.getTime();
  // Relative paths here are built from directory listings, never from note content: plain concatenation
  // is safe, and path.join's normalising costs more than the reads over a year's names.
  const root = path.resolve(vaultRoot);
  const absolute = (relative: string) => `${root}${path.sep}${relative}`;
  const earliest = stampOf(from - MAX_TASK_AGE_DAYS * 86_400_000);
  const latest = stampOf(to);
  const unreadable: string[] = [];
  /** Approval front matter kept as text and parsed only for the week's tasks. */
  const approvalHeads = new Map<string, { relative: string; head: string }>();
  const tasks: DoneTask[] = [];

  const candidates: { relative: string; id: string; onlyApprovals: boolean }[] = [];
  let listed = 0;
  for (const folder of [FOLDERS.done, FOLDERS.rejected]) {
    const names = await listNames(path.join(vaultRoot, folder));
    listed += names.length;
    for (const name of names) {
      if (name.startsWith("PLAN_")) continue;
      const id = idFiledIn(name, earliest, latest);
      if (id === undefined) continue;
      candidates.push({
        relative: `${folder}/${name}`,
        id,
        onlyApprovals: folder === FOLDERS.rejected,
      });
    }
  }

  function inWeek(candidate: { relative: string; id: string }, head: string): number | undefined {
    const written = COMPLETED.exec(head)?.[1];
    const stated = written === undefined ? undefined : time(written.trim());
    if (stated !== undefined) return stated >= from && stated < to ? stated : undefined;
    // A task done without approvals has no `completed`: the log's task_done line, else the file's time.
    const done = log.trails.get(candidate.id)?.done;
    if (done !== undefined) return done;
    const modified = statSync(absolute(candidate.relative)).mtimeMs;
    return modified >= from && modified < to ? modified : undefined;
  }

  const readHead = createHeadReader();
  function scan(candidate: (typeof candidates)[number]): void {
    let head: string | undefined;
    let completed: number | undefined;
    try {
      head = readHead(absolute(candidate.relative));
      if (head === undefined) {
        unreadable.push(candidate.relative);
        return;
      }
      if (APPROVAL_TYPE.test(head)) {
        approvalHeads.set(candidate.id, { relative: candidate.relative, head });
        return;
      }
      if (candidate.onlyApprovals) return;
      completed = inWeek(candidate, head);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // moved while we read
      throw error;
    }
    if (completed === undefined) return;
    const data = fieldsOf(head, candidate.relative, TASK_FIELDS);
    if (!data) {
      unreadable.push(candidate.relative);
      return;
    }
    if (typeof data.type !== "string" || data.task !== undefined) return; // not a task note
    const approvals = Array.isArray(data.approvals)
      ? data.approvals.filter((id) => typeof id === "string")
      : [];
    tasks.push({
      id: text(data.id) || candidate.id,
      link: path.posix.basename(candidate.relative, ".md"),
      relative: candidate.relative,
      subject: text(data.subject).trim() || `${data.type} from ${text(data.from) || "unknown sender"}`,
      type: data.type,
      domain: data.domain === "personal" ? "personal" : "business",
      status: text(data.status) || "done",
      received: time(data.received),
      completed,
      approvalIds: approvals,
    });
  }
  for (const [index, candidate] of candidates.entries()) {
    if (index > 0 && index % HEAD_BATCH === 0) await yieldToEventLoop();
    scan(candidate);
  }
  tasks.sort((a, b) => a.completed - b.completed || a.link.localeCompare(b.link));

  return {
    tasks,
    unreadable: unreadable.sort(),
    opened: candidates.length,
    listed,
    async approval(id) {
      const found = approvalHeads.get(id);
      if (!found) return undefined;
      const data = fieldsOf(found.head, found.relative, APPROVAL_FIELDS);
      if (!data) return undefined;
      return {
        id,
        link: path.posix.basename(found.relative, ".md"),
        tool: text(data.tool) || text(data.action),
        status: text(data.status),
        created: time(data.created),
        decidedAt: time(data.decided_at),
        executedAt: time(data.executed_at),
      };
    },
    async planCreated(task) {
      const relative = path.posix.join(FOLDERS.done, `PLAN_${task.link}.md`);
      try {
        const head = readHead(absolute(relative));
        return head === undefined ? undefined : time(fieldsOf(head, relative, ["created"])?.created);
      } catch {
        return undefined;
      }
    },
  };
}
