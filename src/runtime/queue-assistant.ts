/**
 * @module A second thread for a long queue. Planning with the offline reasoner is bound by the CPU, and
 * one JavaScript thread uses one core: when a pass finds a long queue, a worker thread builds the same
 * employee from the same vault and configuration and works `Needs_Action/` from its other end, claim by
 * move like any other worker. Its audit lines go through this thread's log: one writer per process,
 * whose batches never wait for another's lock. The thread stays for the next long queue and ends after
 * a quiet minute, so an idle employee keeps no second heap. (With a model, planning waits on the model,
 * not the CPU: the employee then plans on one thread.)
 */
import { Worker } from "node:worker_threads";
import type { AuditEntry, AuditEvent } from "../governance/audit-entry.js";
import type { AuditLog } from "../governance/audit-log.js";
import type { Environment } from "../integrations/integration-config.js";
import type { TaskOutcome } from "./task-processor.js";

export interface AssistantResult {
  processed: Record<TaskOutcome, number>;
  /** Why the thread could not finish; its claims are left behind for the caller to release. */
  failed?: string;
}

export interface QueueAssistant {
  /**
   * The thread's share of the queue as it is now, from its end; never rejects. Work asked for while
   * the thread is busy follows what it is doing.
   */
  drain(): Promise<AssistantResult>;
  /**
   * Plans tasks as the watchers file them; once `filed` aborts, what is left, ending with the queue
   * empty (see the orchestrator's follow).
   */
  follow(filed: AbortSignal): Promise<AssistantResult>;
  close(): Promise<void>;
}

export interface AssistantThreadInput {
  vaultRoot: string;
  env: Environment;
  offline: boolean;
}

/** What the main thread tells the planning thread. */
export type ToAssistant =
  | { kind: "drain" }
  | { kind: "follow" }
  | { kind: "filed" }
  | { kind: "audited"; id: number; entry: AuditEntry }
  | { kind: "audit_failed"; id: number; error: string };

/** What the planning thread tells the main thread. */
export type FromAssistant =
  { kind: "drained"; result: AssistantResult } | { kind: "audit"; id: number; event: AuditEvent };

export interface QueueAssistantOptions extends AssistantThreadInput {
  /** The log the thread's audit lines are appended to. */
  audit: AuditLog;
  /** Told why the thread failed; the main thread plans on alone. */
  onFailure(message: string): void;
}

/** A thread unused this long is stopped and its memory returned. */
const IDLE_MS = 60_000;

const NOTHING: Record<TaskOutcome, number> = { waiting: 0, done: 0, quarantined: 0 };

export function createQueueAssistant(options: QueueAssistantOptions): QueueAssistant {
  const { onFailure, audit, ...input } = options;
  let worker: Worker | undefined;
  let waiting: ((result: AssistantResult) => void) | undefined;
  let idle: NodeJS.Timeout | undefined;

  function settle(result: AssistantResult): void {
    const resolve = waiting;
    waiting = undefined;
    if (result.failed && resolve) onFailure(result.failed);
    resolve?.(result);
  }

  function start(): Worker {
    const thread = new Worker(new URL("./queue-assistant-thread.js", import.meta.url), {
      workerData: input,
    });
    const tell = (message: ToAssistant) => thread.postMessage(message);
    thread.on("message", (message: FromAssistant) => {
      if (message.kind === "drained") {
        settle(message.result);
        return;
      }
      audit.append(message.event).then(
        (entry) => tell({ kind: "audited", id: message.id, entry }),
        (error: unknown) =>
          tell({
            kind: "audit_failed",
            id: message.id,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
    });
    thread.on("error", (error) => settle({ processed: NOTHING, failed: error.message }));
    thread.on("exit", (code) => {
      if (worker === thread) worker = undefined;
      settle({ processed: NOTHING, failed: `the planning thread exited (${code})` });
    });
    return thread;
  }

  async function stop(): Promise<void> {
    clearTimeout(idle);
    const thread = worker;
    worker = undefined;
    await thread?.terminate();
  }

  function run(kind: "drain" | "follow", signal?: AbortSignal): Promise<AssistantResult> {
    clearTimeout(idle);
    const thread = (worker ??= start());
    const result = new Promise<AssistantResult>((resolve) => {
      waiting = resolve;
    });
    thread.postMessage({ kind } satisfies ToAssistant);
    const filed = () => thread.postMessage({ kind: "filed" } satisfies ToAssistant);
    if (signal?.aborted) filed();
    else signal?.addEventListener("abort", filed, { once: true });
    return result.finally(() => {
      signal?.removeEventListener("abort", filed);
      idle = setTimeout(() => void stop(), IDLE_MS);
      idle.unref();
    });
  }

  let last: Promise<unknown> = Promise.resolve();
  function next(kind: "drain" | "follow", signal?: AbortSignal): Promise<AssistantResult> {
    const result = last.then(() => run(kind, signal));
    last = result;
    return result;
  }
  return {
    drain: () => next("drain"),
    follow: (signal) => next("follow", signal),
    close: stop,
  };
}
