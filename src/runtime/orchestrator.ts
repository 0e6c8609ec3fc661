/**
 * @module The orchestrator's pass: settle what people decided, claim and process every task waiting in
 * `Needs_Action/`, run the approved work, close finished tasks, and render the dashboard. After a pass,
 * `Needs_Action/` is empty and every task is at rest: done, waiting for a person, or quarantined.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { AuditLog } from "../governance/audit-log.js";
import { claimTask, releaseStaleClaims } from "../vault/claims.js";
import { FOLDERS } from "../vault/folders.js";
import type { NoteStore } from "../vault/note-store.js";
import type { Executor } from "./executor.js";
import type { AssistantResult, QueueAssistant } from "./queue-assistant.js";
import type { TaskOutcome, TaskProcessor } from "./task-processor.js";

/**
 * Tasks processed at once: enough to overlap the disk's fsyncs and, on the second thread, the round
 * trips of its audit lines through this one; few enough to bound memory (a task holds a few kilobytes).
 */
export const TASK_CONCURRENCY = 256;
/** A queue this long is worth a second thread (starting one costs about as much as planning 100 tasks). */
export const ASSIST_FROM = 300;
/** How often a queue still too short for the second thread, or empty, is looked at while the watchers file. */
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
   * Claims and processes the tasks `take` hands out, TASK_CONCURRENCY at a time, until it hands out no
   * more. `missed` is told of each task that was gone by the time it was claimed.
   */
  async function work(
    processed: Record<TaskOutcome, number>,
    take: () => Promise<string | undefined>,
    missed: () => void,
  ): Promise<void> {
    const worker = async () => {
      for (let next = await take(); next !== undefined; next = await take()) {
        const claimed = await claimTask(store, next, deps.agent);
        if (!claimed) {
          missed();
          continue;
        }
        try {
          processed[await deps.processor.process(claimed)] += 1;
        } catch (error) {
          await deps.onTaskError(claimed, error);
        }
      }
    };
    await Promise.all(Array.from({ length: TASK_CONCURRENCY }, worker));
  }

  /** The second thread's follow of the watchers' filing, until a pass takes it over (see assistWhile). */
  let following: Promise<AssistantResult> | undefined;

  /**
   * Claims and processes every task waiting now. Two threads work one queue from its two ends; the claim
   * (a rename) decides who takes a task both reach, and the first claim a thread loses means they met:
   * the rest of its list is the other's (or, taken by someone else, waits for the next round). Returns
   * how many tasks the second thread brought to rest.
   */
  async function processQueue(processed: Record<TaskOutcome, number>, fromEnd = false): Promise<number> {
    const queue = await store.list(FOLDERS.needsAction);
    if (fromEnd) queue.reverse();
    const assisted = fromEnd
      ? undefined
      : (following ?? (deps.assistant && queue.length >= ASSIST_FROM ? deps.assistant.drain() : undefined));
    following = undefined;
    const twoEnds = fromEnd || assisted !== undefined;
    await work(
      processed,
      async () => queue.shift(),
      () => {
        if (twoEnds) queue.length = 0;
      },
    );
    if (!assisted) return 0;
    const help = await assisted;
    // A thread that died mid-task left its claims behind; nothing of this thread is in flight now.
    if (help.failed) await releaseStaleClaims(store, deps.agent);
    return merge(processed, help);
  }

  return {
    /** Processes the queue as it is now from its other end: the second thread's share of a long queue. */
    async drain(): Promise<Record<TaskOutcome, number>> {
      const processed = nothingYet();
      await processQueue(processed, true);
      return processed;
    },
    /**
     * Plans tasks from the queue's end as the watchers file them, looking at the queue again whenever
     * the tasks in hand run out. Once `filed` aborts (the watchers are done), plans what is left
     * alongside the other end and ends when the queue is empty. The second thread's work while this
     * one files.
     */
    async follow(filed: AbortSignal): Promise<Record<TaskOutcome, number>> {
      const processed = nothingYet();
      let queue: string[] = [];
      let emptied = false;
      let looking: Promise<void> | undefined;
      const look = async () => {
        // Only a look begun after the filing was done can find the queue empty for good.
        const last = filed.aborted;
        queue = (await store.list(FOLDERS.needsAction)).reverse();
        if (queue.length > 0) return;
        if (last) emptied = true;
        else await sleep(FILING_LOOK_MS, undefined, { signal: filed }).catch(() => undefined);
      };
      const take = async () => {
        while (!emptied) {
          const next = queue.shift();
          if (next !== undefined) return next;
          looking ??= look().finally(() => (looking = undefined));
          await looking;
        }
        return undefined;
      };
      // Once the other end is at work too, a task it took first means the rest of this list is its.
      const missed = () => {
        if (filed.aborted) queue.length = 0;
      };
      await work(processed, take, missed);
      return processed;
    },
    /**
     * While the watchers file a backlog (the first pass after a while away), the second thread plans
     * what they file, so filing and planning use both cores; this thread claims nothing meanwhile.
     * Returns once `filing` settles: the second thread then plans what is left alongside the next pass,
     * which counts what it did.
     */
    async assistWhile(filing: Promise<unknown>): Promise<void> {
      const { assistant } = deps;
      if (!assistant) return;
      let filed = false;
      const settled = filing.then(
        () => (filed = true),
        () => (filed = true),
      );
      // A short backlog is not worth a thread.
      while (!filed && (await store.list(FOLDERS.needsAction)).length < ASSIST_FROM) {
        await Promise.race([settled, sleep(FILING_LOOK_MS, undefined, { ref: false })]);
      }
      if (filed) return;
      const done = new AbortController();
      following = assistant.follow(done.signal);
      await settled;
      done.abort();
    },
    async pass(): Promise<PassResult> {
      const processed = nothingYet();
      let assisted = 0;
      await deps.executor.settleRejected();
      // Tasks filed while a pass runs are taken by the same pass, so a pass ends with an empty queue.
      for (
        let round = 0;
        round < MAX_ROUNDS && (following !== undefined || (await store.list(FOLDERS.needsAction)).length > 0);
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

function nothingYet(): Record<TaskOutcome, number> {
  return { waiting: 0, done: 0, quarantined: 0 };
}

/** A watcher that keeps filing during a pass cannot keep the pass from ending. */
const MAX_ROUNDS = 5;

export type Orchestrator = ReturnType<typeof createOrchestrator>;
