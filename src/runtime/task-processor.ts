/**
 * @module One claimed task, from note to rest: the reasoner proposes, each proposal is checked against
 * its tool's schema, the policy decides, requests are filed, the plan is written, and the task either
 * waits for a person (in `In_Progress/<agent>/`, `status: awaiting_approval`) or is done.
 */
import path from "node:path";
import type { ApprovalDesk } from "../governance/approval-desk.js";
import type { AuditEvent } from "../governance/audit-entry.js";
import type { AuditLog } from "../governance/audit-log.js";
import { DataError } from "../governance/errors/data-error.js";
import type { HandbookReading } from "../governance/handbook.js";
import { decide } from "../governance/policy.js";
import type { PlanDraft } from "../reasoning/proposal.js";
import { untrustedFacts, type TrustedValues } from "../reasoning/provenance.js";
import type { Rate, Reasoner } from "../reasoning/reasoner.js";
import { writeAlert } from "../vault/alerts.js";
import { FOLDERS } from "../vault/folders.js";
import type { NoteStore, StoredNote } from "../vault/note-store.js";
import { taskFromNote, type Task } from "../vault/task-note.js";
import { planFileName, renderPlan, type PlannedRequest } from "./plan-note.js";
import { afterPlan, loopFields, loopStateOf, type LoopState } from "./ralph-loop.js";
import type { ToolCatalog } from "./tool-catalog.js";

export interface TaskProcessorDeps {
  store: NoteStore;
  desk: ApprovalDesk;
  audit: AuditLog;
  reasoner: Reasoner;
  catalog: ToolCatalog;
  handbook(): Promise<HandbookReading>;
  rates(): Promise<Rate[]>;
  trusted(): Promise<TrustedValues>;
  isKnown(recipient: string, reading: HandbookReading): boolean;
  skillsFor(task: Task): Promise<{ name: string; instructions: string }[]>;
  now(): Date;
}

export type TaskOutcome = "waiting" | "done" | "quarantined";

/** A task the Ralph loop sends round again: its next iteration, with what happened so far. */
export interface Continuation {
  iteration: number;
  state: LoopState;
}

/**
 * The audit lines of one plan, appended without waiting for each (one disk flush can then serve them
 * all) and awaited together before the task note says the plan was made.
 */
function auditTrail(audit: AuditLog) {
  const appended: Promise<unknown>[] = [];
  return {
    add(event: AuditEvent): void {
      const line = audit.append(event);
      // Awaited in `written`; until then a failure must not count as unhandled.
      line.catch(() => undefined);
      appended.push(line);
    },
    async written(): Promise<void> {
      await Promise.all(appended);
    },
  };
}

type AuditTrail = ReturnType<typeof auditTrail>;

export function createTaskProcessor(deps: TaskProcessorDeps) {
  const { store } = deps;

  async function quarantine(relative: string, reason: string): Promise<TaskOutcome> {
    const moved = await store.move(relative, FOLDERS.quarantine);
    await writeAlert(store, deps.now(), {
      title: `Quarantined task ${path.posix.basename(relative)}`,
      source: "orchestrator",
      severity: "warning",
      body: `${reason}\n\nThe note is kept as [[${moved.replace(/\.md$/, "")}]]. Fix it and move it back to \`Needs_Action/\`, or delete it.`,
    });
    await deps.audit.append({
      action_type: "task_quarantined",
      actor: "orchestrator",
      target: moved,
      result: "refused",
      error: reason,
    });
    return "quarantined";
  }

  async function fileRequests(
    task: Task,
    draft: PlanDraft,
    planLink: string,
    reading: HandbookReading,
    iteration: number,
    trail: AuditTrail,
  ): Promise<PlannedRequest[]> {
    const trusted = await deps.trusted();
    const requests: PlannedRequest[] = [];
    for (const [index, proposal] of draft.proposals.entries()) {
      const tool = deps.catalog.find(proposal.server, proposal.tool);
      if (!tool || tool.effect !== "write" || !tool.facts) {
        draft.flags.push(
          `The reasoner proposed \`${proposal.server}/${proposal.tool}\`, which is not an action the employee has; nothing was filed.`,
        );
        continue;
      }
      const parsed = tool.input.safeParse(proposal.arguments);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        draft.flags.push(
          `A proposed \`${tool.name}\` had invalid arguments (${issue?.path.join(".") || "input"}: ${issue?.message ?? "invalid"}); nothing was filed.`,
        );
        continue;
      }
      const facts = tool.facts(parsed.data);
      const untrusted = untrustedFacts(facts, trusted, proposal.untrustedFields);
      const decision = decide(reading.handbook, {
        facts,
        origin: "employee",
        untrustedFields: untrusted,
        isKnown: (recipient) => deps.isKnown(recipient, reading),
        handbookReadable: reading.problems.length === 0,
      });
      if (decision.kind === "refuse") {
        requests.push({
          id: "",
          file: "",
          summary: facts.summary,
          status: "refused",
          reason: decision.reason,
        });
        trail.add({
          action_type: tool.name,
          actor: deps.reasoner.name,
          target: facts.recipients.join(", ") || null,
          parameters: proposal.arguments,
          result: "refused",
          error: decision.reason,
          task_id: task.meta.id,
        });
        continue;
      }
      const stored = await deps.desk.file({
        server: proposal.server,
        tool: tool.name,
        parameters: proposal.arguments,
        facts,
        decision,
        origin: "employee",
        task: { id: task.meta.id, link: path.posix.basename(task.path, ".md") },
        planLink,
        idempotencyKey: `${task.meta.id}:${iteration}:${index}`,
      });
      requests.push({
        id: stored.request.id,
        file: path.posix.basename(stored.path),
        summary: facts.summary,
        status: decision.kind === "allow" ? "approved" : "pending",
        reason: stored.request.reason,
      });
      trail.add({
        action_type: tool.name,
        actor: deps.reasoner.name,
        target: facts.recipients.join(", ") || null,
        parameters: proposal.arguments,
        approval_status: decision.kind === "allow" ? "auto_approved" : "pending",
        approved_by: decision.kind === "allow" ? "policy" : null,
        result: "pending",
        task_id: task.meta.id,
        approval_id: stored.request.id,
      });
    }
    return requests;
  }

  return {
    /** Brings one claimed task to rest: its first iteration, or the one the Ralph loop continues with. */
    async process(relative: string, continuation?: Continuation): Promise<TaskOutcome> {
      let task: Task;
      let note: StoredNote;
      try {
        note = await store.read(relative);
        task = taskFromNote(note);
      } catch (error) {
        if (error instanceof DataError) return quarantine(relative, error.message);
        throw error;
      }
      const iteration = continuation?.iteration ?? 1;
      const loop = continuation?.state ?? loopStateOf(note.data, deps.now());
      const reading = await deps.handbook();
      const controller = new AbortController();
      const triage = typeof task.meta.triage === "string" ? task.meta.triage : undefined;
      const draft = await deps.reasoner.plan({
        task,
        handbook: reading.handbook,
        rates: await deps.rates(),
        tools: deps.catalog.offersFor(task.meta.type, triage),
        skills: await deps.skillsFor(task),
        iteration,
        history: continuation ? loop.history : [],
        signal: controller.signal,
      });
      const taskFile = path.posix.basename(relative);
      const planName = planFileName(taskFile);
      const trail = auditTrail(deps.audit);
      const requests = await fileRequests(
        task,
        draft,
        planName.replace(/\.md$/, ""),
        reading,
        iteration,
        trail,
      );
      const open = requests.filter((request) => request.status !== "refused");
      const waiting = open.length > 0 || draft.flags.length > 0;
      const now = deps.now().toISOString();
      const planRelative = path.posix.join(FOLDERS.plans, planName);
      await store.write(
        planRelative,
        renderPlan({
          taskId: task.meta.id,
          taskFile,
          draft,
          requests,
          created: now,
          iteration,
          status: waiting ? "awaiting_approval" : "done",
        }),
      );
      trail.add({
        action_type: "plan_written",
        actor: draft.reasoner,
        target: planRelative,
        parameters: {
          proposals: draft.proposals.length,
          flags: draft.flags.length,
          iteration,
          ...(draft.usage ? { usage: draft.usage } : {}),
        },
        result: "success",
        task_id: task.meta.id,
      });
      await trail.written();
      const approvals = [
        ...new Set([
          ...((note.data.approvals as string[] | undefined) ?? []),
          ...open.map((request) => request.id),
        ]),
      ];
      await store.write(relative, {
        data: {
          ...note.data,
          status: waiting ? "awaiting_approval" : "done",
          plan: `[[${planName.replace(/\.md$/, "")}]]`,
          approvals,
          ...loopFields(
            afterPlan(
              loop,
              iteration,
              draft.complete,
              `${draft.objective} (${requests.map((request) => `${request.summary}: ${request.status}`).join("; ") || "no actions"})`,
            ),
          ),
        },
        body: note.body,
      });
      if (draft.flags.length > 0 && open.length === 0) {
        await writeAlert(store, deps.now(), {
          title: `A task needs you: ${task.meta.subject || task.meta.type}`,
          source: "orchestrator",
          severity: "info",
          key: `task-${task.meta.id}`,
          body: `${draft.flags.map((flag) => `- ${flag}`).join("\n")}\n\nTask: [[${taskFile.replace(/\.md$/, "")}]] (in \`${path.posix.dirname(relative)}/\`). When you have dealt with it, move the task to \`Done/\`.`,
        });
      }
      if (waiting) return "waiting";
      await store.move(planRelative, FOLDERS.done);
      await store.move(relative, FOLDERS.done);
      await deps.audit.append({
        action_type: "task_done",
        actor: "orchestrator",
        target: taskFile,
        result: "success",
        task_id: task.meta.id,
      });
      return "done";
    },
  };
}

export type TaskProcessor = ReturnType<typeof createTaskProcessor>;
