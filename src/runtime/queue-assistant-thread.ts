/**
 * @module The queue assistant's thread: the employee built again from the vault and the configuration
 * (quietly: the main thread already said what there was to say), draining the queue from its other end
 * or following the watchers' filing each time it is asked. Its audit lines are appended by the main
 * thread's log.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { AuditEntry } from "../governance/audit-entry.js";
import type { AuditLog } from "../governance/audit-log.js";
import { createEmployee } from "./employee.js";
import type { AssistantThreadInput, FromAssistant, ToAssistant } from "./queue-assistant.js";
import type { TaskOutcome } from "./task-processor.js";

const input = workerData as AssistantThreadInput;
const tell = (message: FromAssistant) => parentPort?.postMessage(message);

/** Appends waiting for the main thread's answer, by request number. */
const appending = new Map<number, { resolve(entry: AuditEntry): void; reject(error: Error): void }>();
let requests = 0;
const audit: AuditLog = {
  append: (event) =>
    new Promise((resolve, reject) => {
      requests += 1;
      appending.set(requests, { resolve, reject });
      tell({ kind: "audit", id: requests, event });
    }),
};

const employee = await createEmployee({ ...input, audit, say: () => undefined });

/** Tells the follow in progress that the watchers are done filing. */
let following: AbortController | undefined;

parentPort?.on("message", (message: ToAssistant) => {
  if (message.kind === "audited" || message.kind === "audit_failed") {
    const waiter = appending.get(message.id);
    appending.delete(message.id);
    if (message.kind === "audited") waiter?.resolve(message.entry);
    else waiter?.reject(new Error(message.error));
    return;
  }
  if (message.kind === "filed") {
    following?.abort();
    return;
  }
  let work: Promise<Record<TaskOutcome, number>>;
  if (message.kind === "follow") {
    following = new AbortController();
    work = employee.follow(following.signal);
  } else {
    work = employee.drain();
  }
  work.then(
    (processed) => tell({ kind: "drained", result: { processed } }),
    (error: unknown) =>
      tell({
        kind: "drained",
        result: {
          processed: { waiting: 0, done: 0, quarantined: 0 },
          failed: employee.redactor.text(error instanceof Error ? error.message : String(error)),
        },
      }),
  );
});
