/**
 * @module The orchestrator's pass: settle what people decided, claim and process every task waiting in
 * `Needs_Action/`, run the approved work, close finished tasks, and render the dashboard. After a pass,
 * `Needs_Action/` is empty and every task is at rest: done, waiting for a person, or quarantined.
 */
import type { AuditLog } from "../governance/audit-log.js";
import { claimTask, releaseStaleClaims } from "../vault/claims.js";
import { FOLDERS } from "../vault/folders.js";
import type { NoteStore } from "../vault/note-store.js";
import type { Executor } from "./executor.js";
import type { QueueAssistant } from "./queue-assistant.js";
import type { TaskOutcome, TaskProcessor } from "./task-processor.js";

/** Tasks processed at once: enough to overlap the disk's fsyncs, few enough to bound memory. */
export const TASK_CONCURRENCY = 64;
/** A queue this long is worth a second thread (starting one costs about as much as planning 100 tasks). */
export const ASSIST_FROM = 300;

export interface PassResult {
  processed: Record<TaskOutcome, number>;
  /** Of the processed tasks, those the second thread brought to rest. */
  assisted: number;
  executed: number;
  nextAttempt: Date | undefined;
}

export interface OrchestratorDeps {
  store: NoteStore;
  agent: string;
  processor: TaskProcessor;
  executor: Executor;
  audit: AuditLog;
  /** Reports a task that failed in an unexpected way; the pass goes on with the others. */
  onTaskError(relative: string, error: unknown): Promise<void>;
  /** Works a long queue from its other end on a second thread. */
  assistant?: QueueAssistant | undefined;
}

export function createOrchestrator(deps: OrchestratorDeps) {
  const { store } = deps;

  /**
   * Claims and processes every task waiting now. Two threads work one queue from its two ends; the
   * claim (a rename) decides who takes a task both reach.
   */
  /** Returns how many tasks the second thread brought to rest. */
  async function processQueue(processed: Record<TaskOutcome, number>, fromEnd = false): Promise<number> {
    const queue = await store.list(FOLDERS.needsAction);
    if (fromEnd) queue.reverse();
    const assisted =
      !fromEnd && deps.assistant && queue.length >= ASSIST_FROM ? deps.assistant.drain() : undefined;
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const claimed = await claimTask(store, next, deps.agent);
        if (!claimed) continue;
        try {
          processed[await deps.processor.process(claimed)] += 1;
        } catch (error) {
          await deps.onTaskError(claimed, error);
        }
      }
    };
    await Promise.all(Array.from({ length: TASK_CONCURRENCY }, worker));
    if (!assisted) return 0;
    const help = await assisted;
    let helped = 0;
    for (const outcome of Object.keys(processed) as TaskOutcome[]) {
      processed[outcome] += help.processed[outcome];
      helped += help.processed[outcome];
    }
    // A thread that died mid-task left its claims behind; nothing of this thread is in flight now.
    if (help.failed) await releaseStaleClaims(store, deps.agent);
    return helped;
  }

  return {
    /** Processes the queue as it is now, from its other end: the second thread's share of a long queue. */
    async drain(): Promise<Record<TaskOutcome, number>> {
      const processed: Record<TaskOutcome, number> = { waiting: 0, done: 0, quarantined: 0 };
      await processQueue(processed, true);
      return processed;
    },
    async pass(): Promise<PassResult> {
      const processed: Record<TaskOutcome, number> = { waiting: 0, done: 0, quarantined: 0 };
      let assisted = 0;
      await deps.executor.settleRejected();
      // Tasks filed while a pass runs are taken by the same pass, so a pass ends with an empty queue.
      for (
        let round = 0;
        round < MAX_ROUNDS && (await store.list(FOLDERS.needsAction)).length > 0;
        round += 1
      ) {
        assisted += await processQueue(processed);
      }
      const execution = await deps.executor.runApproved();
      await deps.executor.settleRejected();
      return { processed, assisted, executed: execution.executed, nextAttempt: execution.nextAttempt };
    },
  };
}

/** A watcher that keeps filing during a pass cannot keep the pass from ending. */
const MAX_ROUNDS = 5;

export type Orchestrator = ReturnType<typeof createOrchestrator>;
