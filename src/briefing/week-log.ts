/**
 * @module What the audit log says about a week: per task, when it was filed, planned, acted on and
 * finished; and the week's counts. Only the UTC day files that overlap the week are read, line by line,
 * so a year of history costs no more than one week of it.
 */
import { access } from "node:fs/promises";
import path from "node:path";
import { auditPaths, readLines } from "../governance/audit-files.js";
import { addDays } from "./time-zone.js";
import type { BriefingWeek } from "./briefing-week.js";

export interface TaskLogTrail {
  /** Epoch milliseconds of the first `plan_written` line. */
  planned?: number;
  /** Of the last `task_done` line. */
  done?: number;
  /** Of the last line that ran an approved action successfully. */
  executed?: number;
  approvalIds: Set<string>;
}

export interface WeekLogCounts {
  lines: number;
  tasksCreated: number;
  tasksDone: number;
  /** Approved or auto-approved actions that ran successfully. */
  executed: number;
  /** Of those, rendered to `Outbox/` only (dry run). */
  dryRun: number;
  refused: number;
  failed: number;
  /** Lines that are not JSON: the log was edited; `ai-employee logs verify` says where. */
  unreadable: number;
}

export interface WeekLog {
  trails: Map<string, TaskLogTrail>;
  counts: WeekLogCounts;
}

interface LogLine {
  timestamp?: unknown;
  action_type?: unknown;
  result?: unknown;
  task_id?: unknown;
  approval_id?: unknown;
  dry_run?: unknown;
}

/** The day files (`YYYY-MM-DD.jsonl`, UTC) that hold the week's lines. */
export function weekLogFiles(week: BriefingWeek): string[] {
  const first = week.startInstant.toISOString().slice(0, 10);
  const last = new Date(week.endInstant.getTime() - 1).toISOString().slice(0, 10);
  const files: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) files.push(`${day}.jsonl`);
  return files;
}

export async function readWeekLog(vaultRoot: string, week: BriefingWeek): Promise<WeekLog> {
  const logs = auditPaths(vaultRoot).logs;
  const from = week.startInstant.getTime();
  const to = week.endInstant.getTime();
  const trails = new Map<string, TaskLogTrail>();
  const counts: WeekLogCounts = {
    lines: 0,
    tasksCreated: 0,
    tasksDone: 0,
    executed: 0,
    dryRun: 0,
    refused: 0,
    failed: 0,
    unreadable: 0,
  };
  for (const name of weekLogFiles(week)) {
    const file = path.join(logs, name);
    if (
      !(await access(file).then(
        () => true,
        () => false,
      ))
    )
      continue;
    for await (const text of readLines(file)) {
      if (text.trim() === "") continue;
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        counts.unreadable += 1;
        continue;
      }
      const at = typeof line.timestamp === "string" ? Date.parse(line.timestamp) : Number.NaN;
      if (!(at >= from && at < to)) continue;
      counts.lines += 1;
      const approvalId = typeof line.approval_id === "string" ? line.approval_id : undefined;
      const ran = line.result === "success" && approvalId !== undefined;
      if (line.action_type === "task_created") counts.tasksCreated += 1;
      else if (line.action_type === "task_done") counts.tasksDone += 1;
      else if (ran) {
        counts.executed += 1;
        if (line.dry_run === true) counts.dryRun += 1;
      } else if (line.result === "refused") counts.refused += 1;
      else if (line.result === "failure") counts.failed += 1;
      if (typeof line.task_id !== "string") continue;
      let trail = trails.get(line.task_id);
      if (!trail) {
        trail = { approvalIds: new Set() };
        trails.set(line.task_id, trail);
      }
      if (approvalId !== undefined) trail.approvalIds.add(approvalId);
      if (line.action_type === "plan_written") trail.planned = Math.min(trail.planned ?? at, at);
      else if (line.action_type === "task_done") trail.done = Math.max(trail.done ?? at, at);
      else if (ran) trail.executed = Math.max(trail.executed ?? at, at);
    }
  }
  return { trails, counts };
}
