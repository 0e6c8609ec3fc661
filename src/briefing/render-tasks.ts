/**
 * @module The Completed Tasks section (business and personal side by side, then each list) and the
 * Bottlenecks table (Task | Expected | Actual | Delay), which is always present.
 */
import type { BriefingData } from "./briefing-data.js";
import type { DoneTask } from "./done-notes.js";
import { escapeCell, formatHours, plainText, wikilink } from "./markdown-format.js";
import { STAGE_LABELS, type TaskTiming } from "./task-timeline.js";
import type { TimeZone } from "./time-zone.js";

/** A week can close a thousand tasks; the list shows this many per side and points to Done/ for the rest. */
export const MAX_LISTED_TASKS = 50;
export const MAX_BOTTLENECK_ROWS = 15;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function when(instant: number, zone: TimeZone): string {
  const date = zone.localDate(new Date(instant));
  const weekday = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()];
  return `${weekday} ${date.slice(5)} ${zone.localTime(new Date(instant))}`;
}

function taskLine(task: DoneTask, zone: TimeZone): string {
  const closed = task.status === "done" ? "" : ` — closed as ${task.status}`;
  return `- ${when(task.completed, zone)} ${wikilink(task.link)} ${plainText(task.subject)} (${task.type.replace(/_/g, " ")})${closed}`;
}

function sideBySide(data: BriefingData): string[] {
  const timingOf = new Map<string, TaskTiming>(data.timings.map((timing) => [timing.task.relative, timing]));
  const column = (tasks: DoneTask[]) => {
    const hours = tasks
      .map((task) => timingOf.get(task.relative)?.totalHours)
      .filter((value): value is number => value !== undefined);
    const middle = median(hours);
    return {
      count: String(tasks.length),
      ran: String(tasks.filter((task) => task.status === "done").length),
      notRun: String(tasks.filter((task) => task.status !== "done").length),
      median: middle === undefined ? "—" : formatHours(middle),
    };
  };
  const business = column(data.completed.business);
  const personal = column(data.completed.personal);
  return [
    "|  | Business | Personal |",
    "| --- | --- | --- |",
    `| Completed | ${business.count} | ${personal.count} |`,
    `| Done as planned | ${business.ran} | ${personal.ran} |`,
    `| Closed with an action not run | ${business.notRun} | ${personal.notRun} |`,
    `| Median time, received → completed | ${business.median} | ${personal.median} |`,
  ];
}

export function renderCompletedTasks(data: BriefingData, zone: TimeZone): string {
  const lines = ["## Completed Tasks", "", ...sideBySide(data)];
  for (const [title, tasks] of [
    ["Business", data.completed.business],
    ["Personal", data.completed.personal],
  ] as const) {
    lines.push("", `### ${title} (${tasks.length})`, "");
    if (tasks.length === 0) lines.push(`No ${title.toLowerCase()} task was completed this week.`);
    for (const task of tasks.slice(0, MAX_LISTED_TASKS)) lines.push(taskLine(task, zone));
    if (tasks.length > MAX_LISTED_TASKS)
      lines.push(`- … and ${tasks.length - MAX_LISTED_TASKS} more in \`Done/\``);
  }
  return lines.join("\n");
}

export function renderBottlenecks(data: BriefingData): string {
  const expected = data.expectedHours;
  const lines = [
    "## Bottlenecks",
    "",
    `Expected: a plan within ${formatHours(expected.planning)} of a task arriving, a decision within ${formatHours(expected.decision)}, the action within ${formatHours(expected.execution)} of approval, the whole task within ${formatHours(expected.total)}.`,
    "",
    "| Task | Expected | Actual | Delay |",
    "| --- | --- | --- | --- |",
  ];
  for (const bottleneck of data.bottlenecks.slice(0, MAX_BOTTLENECK_ROWS)) {
    const task = `${wikilink(bottleneck.task.link)} ${plainText(bottleneck.task.subject, 80)}: ${STAGE_LABELS[bottleneck.stage]}`;
    lines.push(
      `| ${escapeCell(task)} | ${formatHours(bottleneck.expectedHours)} | ${formatHours(bottleneck.actualHours)} | ${formatHours(bottleneck.delayHours)} |`,
    );
  }
  lines.push("");
  if (data.bottlenecks.length === 0) lines.push("No task took longer than expected this week.");
  else if (data.bottlenecks.length > MAX_BOTTLENECK_ROWS) {
    lines.push(`… and ${data.bottlenecks.length - MAX_BOTTLENECK_ROWS} more delays, shorter than these.`);
  }
  return lines.join("\n").trimEnd();
}
