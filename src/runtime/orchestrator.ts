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
import type { AssistantResult, QueueAssistant } from "./queue-assistant.js";
import type { TaskOutcome, TaskProcessor } from "./task-processor.js";

/** Tasks processed at once: enough to overlap the disk's fsyncs, few enough to bound memory. */
export const TASK_CONCURRENCY = 64;
/** A queue this long is worth a second thread (starting one costs about as much as planning 100 tasks). */
export const ASSIST_FROM = 300;
/**
 * Tasks the second thread takes at a time while the watchers are still filing: few, so it hands the
 * queue back soon after they finish.
 */
export const SHARE_WHILE_FILING = 50;
/** How often a queue still too short for the second thread is looked at again while the watchers file. */
const FILING_LOOK_MS = 100;

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

  /** Adds the second thread's tasks to `processed`; returns how many there were. */
  function merge(processed: Record<TaskOutcome, number>, help: AssistantResult): number {
    let helped = 0;
    for (const outcome of Object.keys(processed) as TaskOutcome[]) {
      processed[outcome] += help.processed[outcome];
      helped += help.processed[outcome];
    }
    return helped;
  }

  /**
   * Claims and processes every task waiting now (at most `limit` of them). Two threads work one queue
   * from its two ends; the claim (a rename) decides who takes a task both reach. Returns how many tasks
   * the second thread brought to rest.
   */
  async function processQueue(
    processed: Record<TaskOutcome, number>,
    fromEnd = false,
    limit = Infinity,
  ): Promise<number> {
    const queue = await store.list(FOLDERS.needsAction);
    if (fromEnd) queue.reverse();
    queue.splice(limit);
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
    // A thread that died mid-task left its claims behind; nothing of this thread is in flight now.
    if (help.failed) await releaseStaleClaims(store, deps.agent);
    return merge(processed, help);
  }

  return {
    /**
     * Processes the queue as it is now (at most `limit` tasks), from its other end: the second thread's
     * share of a long queue.
     */
    async drain(limit?: number): Promise<Record<TaskOutcome, number>> {
      const processed: Record<TaskOutcome, number> = { waiting: 0, done: 0, quarantined: 0 };
      await processQueue(processed, true, limit);
      return processed;
    },
    /**
     * While the watchers file a backlog (the first pass after a while away), the second thread plans
     * what they have filed so far, a few tasks at a time, so filing and planning use both cores. Ends
     * soon after `filing` settles, with nothing of the second thread in flight; returns what it did.
     * This thread claims nothing meanwhile.
     */
    async assistWhile(filing: Promise<unknown>): Promise<Record<TaskOutcome, number>> {
      const processed: Record<TaskOutcome, number> = { waiting: 0, done: 0, quarantined: 0 };
      const { assistant } = deps;
      if (!assistant) return processed;
      let filed = false;
      const settled = filing.then(
        () => (filed = true),
        () => (filed = true),
      );
      let engaged = false;
      while (!filed) {
        // A short backlog is not worth a thread. Once the thread is at work it looks at the queue itself,
        // and this thread, busy filing, lists it no more.
        engaged ||= (await store.list(FOLDERS.needsAction)).length >= ASSIST_FROM;
        if (engaged) {
          const help = await assistant.drain(SHARE_WHILE_FILING);
          if (help.failed) {
            merge(processed, help);
            // Every claim left is the dead thread's.
            await releaseStaleClaims(store, deps.agent);
            break;
          }
          if (merge(processed, help) > 0) continue;
        }
        await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, FILING_LOOK_MS))]);
      }
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
