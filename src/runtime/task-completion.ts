/**
 * @module Closing a task once every approval request it filed is closed: the task and its plan move to
 * `Done/` with the outcome, or, when the reasoner has more to do (the Ralph loop), the task goes back
 * to the reasoner with what happened so far.
 */
import path from "node:path";
import type { ApprovalDesk } from "../governance/approval-desk.js";
import type { AuditLog } from "../governance/audit-log.js";
import { FOLDERS } from "../vault/folders.js";
import type { NoteStore } from "../vault/note-store.js";
import type { StateStore } from "../vault/state-store.js";
import { inProgressFolder } from "../vault/claims.js";
import { planFileName } from "./plan-note.js";
import { loopStateOf, type LoopState } from "./ralph-loop.js";

/** Bounds the walk over a task's requests and their replacements. */
const MAX_REQUESTS_PER_TASK = 100;

export interface TaskCompletionDeps {
  store: NoteStore;
  desk: ApprovalDesk;
  audit: AuditLog;
  agent: string;
  /** Where versions before the loop's state moved onto the task note kept it (`loop-<task id>`). */
  state: StateStore;
  now(): Date;
}

export interface ClosedTask {
  relative: string;
  outcomes: string[];
  /** The Ralph loop's state recorded on the task. */
  loop: LoopState;
}

export function createTaskCompletion(deps: TaskCompletionDeps) {
  const { store, desk } = deps;

  async function findTask(taskId: string): Promise<string | undefined> {
    const names = await store.list(inProgressFolder(deps.agent));
    return names.find((relative) => relative.endsWith(`_${taskId}.md`));
  }

  return {
    findTask,
    /**
     * Returns the outcomes when every request of the task is closed (and leaves the task where it is for
     * the caller to finish or continue), or undefined while something still waits.
     */
    async closedOutcomes(taskId: string): Promise<ClosedTask | undefined> {
      const relative = await findTask(taskId);
      if (!relative) return undefined;
      const note = await store.read(relative);
      const approvals = (note.data.approvals as string[] | undefined) ?? [];
      if (approvals.length === 0) return undefined;
      const outcomes: string[] = [];
      // A request a person edited was replaced by a fresh one: follow the chain (bounded).
      const queue = [...approvals];
      for (let index = 0; index < queue.length && index < MAX_REQUESTS_PER_TASK; index += 1) {
        const id = queue[index]!;
        const stored = await desk.find(id);
        if (!stored) {
          outcomes.push(`${id}: the request file was deleted`);
          continue;
        }
        if (stored.folder === FOLDERS.pendingApproval || stored.folder === FOLDERS.approved) return undefined;
        const { request } = stored;
        if (request.replaced_by) {
          queue.push(request.replaced_by);
          continue;
        }
        const detail = request.outcome ?? request.rejection_reason ?? request.last_error ?? "";
        outcomes.push(`${request.tool} ${request.status}${detail ? `: ${detail}` : ""}`);
      }
      // A task that was waiting when the employee was upgraded has its loop's state in a file of its own.
      const legacy =
        note.data.loop === undefined && typeof note.data.id === "string"
          ? await deps.state.read<Record<string, unknown>>(`loop-${note.data.id}`)
          : undefined;
      const recorded = legacy ? { iteration: legacy.iteration, loop: legacy } : note.data;
      return { relative, outcomes, loop: loopStateOf(recorded, deps.now()) };
    },
    /** Moves the task and its plan to `Done/` with the outcome written on both. */
    async finish(closed: ClosedTask): Promise<void> {
      const note = await store.read(closed.relative);
      const allExecuted = closed.outcomes.every((outcome) => / executed/.test(outcome));
      const status = allExecuted ? "done" : "rejected";
      await store.write(closed.relative, {
        data: { ...note.data, status, completed: deps.now().toISOString() },
        body: `${note.body.trimEnd()}\n\n## Outcome\n\n${closed.outcomes.map((outcome) => `- ${outcome}`).join("\n")}\n`,
      });
      const planRelative = path.posix.join(FOLDERS.plans, planFileName(path.posix.basename(closed.relative)));
      if (await store.exists(planRelative)) {
        const plan = await store.read(planRelative);
        const body = plan.body.replace(/- \[ \]/g, allExecuted ? "- [x]" : "- [ ]");
        await store.write(planRelative, { data: { ...plan.data, status: "done" }, body });
        await store.move(planRelative, FOLDERS.done);
      }
      await store.move(closed.relative, FOLDERS.done);
      await deps.audit.append({
        action_type: "task_done",
        actor: "orchestrator",
        target: path.posix.basename(closed.relative),
        parameters: { outcomes: closed.outcomes },
        result: allExecuted ? "success" : "refused",
        task_id: typeof note.data.id === "string" ? note.data.id : null,
      });
    },
  };
}

export type TaskCompletion = ReturnType<typeof createTaskCompletion>;
