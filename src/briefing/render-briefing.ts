/**
 * @module The briefing note, `Briefings/YYYY-MM-DD_Monday_Briefing.md` (the Monday after the week): front
 * matter and the seed's sections — Executive Summary, Revenue, Completed Tasks, Bottlenecks, Proactive
 * Suggestions, Upcoming Deadlines, and Social when there is a summary.
 */
import type { Note } from "../vault/note.js";
import type { BriefingData } from "./briefing-data.js";
import type { BriefingWeek } from "./briefing-week.js";
import { renderRevenue } from "./render-revenue.js";
import { renderDeadlines, renderSuggestions, type FiledRequests } from "./render-suggestions.js";
import { renderBottlenecks, renderCompletedTasks } from "./render-tasks.js";
import { createTimeZone } from "./time-zone.js";

export interface RenderOptions {
  summary: { text: string; by: "model" | "code" };
  filed: FiledRequests;
  /** The Social section's Markdown (the `social_summary` table), or undefined to leave the section out. */
  socialSummary: string | undefined;
}

export function briefingFileName(week: Pick<BriefingWeek, "briefingDate">): string {
  return `${week.briefingDate}_Monday_Briefing.md`;
}

/** A summary may come from a model: it stays inside its section (its headings become bold lines). */
function contained(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/, "**$1**"))
    .join("\n");
}

/** Callouts under the summary: which figures are missing and why, and anything odd in the sources. */
function sourceCallouts(data: BriefingData): string[] {
  const blocks: string[] = [];
  if (data.figuresMissing.length > 0) {
    blocks.push(
      [
        "> [!warning] Figures missing",
        `> ${data.books.problem ?? "The books could not be read."}`,
        `> Missing: ${data.figuresMissing.join(", ")}. Everything else below is complete; regenerate the briefing once the books are reachable.`,
      ].join("\n"),
    );
  }
  const notes = data.notes.filter((note) => note !== data.books.problem);
  if (notes.length > 0) {
    blocks.push(["> [!note] About the sources", ...notes.map((note) => `> - ${note}`)].join("\n"));
  }
  return blocks;
}

export function renderBriefing(data: BriefingData, options: RenderOptions): Note {
  const zone = createTimeZone(data.week.timezone);
  const sections = [
    `# Monday Briefing, ${data.week.briefingDate}`,
    "",
    `The week of ${data.week.start} to ${data.week.end} (${data.week.timezone}).`,
    "",
    ["## Executive Summary", contained(options.summary.text), ...sourceCallouts(data)].join("\n\n"),
    renderRevenue(data),
    renderCompletedTasks(data, zone),
    renderBottlenecks(data),
    renderSuggestions(data, options.filed),
    renderDeadlines(data, zone),
    ...(options.socialSummary === undefined ? [] : [`## Social\n\n${options.socialSummary.trim()}`]),
    `---\n\nWritten ${zone.localDate(new Date(data.generated))} ${zone.localTime(new Date(data.generated))} by the AI Employee from the vault, the audit log${data.books.source ? ` and ${data.books.source}` : ""}. Regenerate with \`ai-employee briefing --week ${data.week.start}\`; your edits to this file are replaced when it is regenerated.`,
  ];
  return {
    data: {
      type: "briefing",
      id: `briefing-${data.week.start}`,
      week_start: data.week.start,
      week_end: data.week.end,
      timezone: data.week.timezone,
      generated: data.generated,
      figures_missing: data.figuresMissing,
      summary_by: options.summary.by,
      tasks_completed: data.completed.business.length + data.completed.personal.length,
      suggestions: data.suggestions.length,
    },
    body: `${sections.join("\n\n").replace(/\n{3,}/g, "\n\n")}\n`,
  };
}
