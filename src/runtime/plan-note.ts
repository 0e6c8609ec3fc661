/**
 * @module The plan note (`Plans/PLAN_<task>.md`, DESIGN.md "Formats"): front matter `task, created,
 * status, iteration`; sections Objective, Steps (a checklist) and Approval Required, linked to the task
 * and to each approval request so Obsidian's graph shows how the work went.
 */
import type { PlanDraft } from "../reasoning/proposal.js";
import type { Note } from "../vault/note.js";

export interface PlannedRequest {
  id: string;
  file: string;
  summary: string;
  status: "pending" | "approved" | "refused";
  reason: string;
}

export function planFileName(taskFile: string): string {
  return `PLAN_${taskFile.replace(/\.md$/, "")}.md`;
}

export function renderPlan(input: {
  taskId: string;
  taskFile: string;
  draft: PlanDraft;
  requests: PlannedRequest[];
  created: string;
  iteration: number;
  status: "in_progress" | "awaiting_approval" | "done";
}): Note {
  const { draft, requests } = input;
  const steps = draft.steps.map((step) => `- [${step.done ? "x" : " "}] ${step.text}`);
  const approvals =
    requests.length === 0
      ? ["Nothing in this plan needs approval."]
      : requests.map((request) => {
          const link = request.file ? `[[${request.file.replace(/\.md$/, "")}]]` : "(not filed)";
          const state =
            request.status === "approved"
              ? "auto-approved by the Handbook"
              : request.status === "refused"
                ? "refused"
                : "waiting for you";
          return `- ${link}: ${request.summary} — ${state} (${request.reason})`;
        });
  const flags =
    draft.flags.length > 0 ? ["", "## Needs You", "", ...draft.flags.map((flag) => `- ${flag}`)] : [];
  return {
    data: {
      task: input.taskId,
      task_file: `[[${input.taskFile.replace(/\.md$/, "")}]]`,
      created: input.created,
      status: input.status,
      iteration: input.iteration,
      reasoner: draft.reasoner,
    },
    body: [
      `# Plan for [[${input.taskFile.replace(/\.md$/, "")}]]`,
      "",
      "## Objective",
      "",
      draft.objective,
      "",
      "## Steps",
      "",
      ...steps,
      "",
      "## Approval Required",
      "",
      ...approvals,
      ...flags,
      "",
    ].join("\n"),
  };
}
