/**
 * @module How long a finished task spent in each state — received → plan written → approval decided →
 * executed → completed — from its front matter, its approval requests and the audit log, and which of
 * those took longer than expected (the briefing's bottlenecks).
 */
import type { ApprovalTrail, DoneTask } from "./done-notes.js";

export type Stage = "planning" | "decision" | "execution" | "total";

export const STAGE_LABELS: Record<Stage, string> = {
  planning: "received → plan written",
  decision: "waiting for a decision",
  execution: "approved → executed",
  total: "received → completed",
};

/**
 * What "on time" means per stage, in hours. The employee plans within a pass (minutes; an hour allows for
 * a paused daemon); a person decides within a working day; an approved action runs at once unless it is
 * rate-limited or parked; the whole task within the client response time of Business_Goals.md.
 */
export const DEFAULT_EXPECTED_HOURS: Record<Stage, number> = {
  planning: 1,
  decision: 8,
  execution: 1,
  total: 24,
};

export interface StageTime {
  stage: Stage;
  hours: number;
}

export interface TaskTiming {
  task: DoneTask;
  stages: StageTime[];
  /** received → completed, when `received` is known. */
  totalHours: number | undefined;
}

export interface Bottleneck {
  task: DoneTask;
  stage: Stage;
  expectedHours: number;
  actualHours: number;
  delayHours: number;
}

const HOUR = 3_600_000;

function span(from: number | undefined, to: number | undefined): number | undefined {
  if (from === undefined || to === undefined) return undefined;
  return Math.max(0, to - from) / HOUR;
}

function max(values: (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
}

function min(values: (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : Math.min(...known);
}

export function taskTiming(
  task: DoneTask,
  planned: number | undefined,
  approvals: readonly ApprovalTrail[],
  loggedExecution: number | undefined,
): TaskTiming {
  const filed = min(approvals.map((approval) => approval.created));
  const planWritten = planned ?? filed;
  const decided = max(approvals.map((approval) => approval.decidedAt));
  const executed = max([...approvals.map((approval) => approval.executedAt), loggedExecution]);
  const stages: StageTime[] = [];
  const push = (stage: Stage, hours: number | undefined) => {
    if (hours !== undefined) stages.push({ stage, hours });
  };
  push("planning", span(task.received, planWritten));
  if (decided !== undefined) push("decision", span(planWritten ?? filed, decided));
  if (decided !== undefined && executed !== undefined) push("execution", span(decided, executed));
  return { task, stages, totalHours: span(task.received, task.completed) };
}

export function bottlenecksOf(timing: TaskTiming, expected: Record<Stage, number>): Bottleneck[] {
  const late = timing.stages
    .filter((entry) => entry.hours > expected[entry.stage])
    .map((entry) => ({
      task: timing.task,
      stage: entry.stage,
      expectedHours: expected[entry.stage],
      actualHours: entry.hours,
      delayHours: entry.hours - expected[entry.stage],
    }));
  // A task late overall but in no single known stage still waited somewhere.
  if (late.length === 0 && timing.totalHours !== undefined && timing.totalHours > expected.total) {
    late.push({
      task: timing.task,
      stage: "total",
      expectedHours: expected.total,
      actualHours: timing.totalHours,
      delayHours: timing.totalHours - expected.total,
    });
  }
  return late;
}
