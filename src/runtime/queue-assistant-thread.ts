/**
 * @module The queue assistant's thread: the employee built again from the vault and the configuration
 * (quietly: the main thread already said what there was to say), draining the queue from its other end
 * each time it is asked.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createEmployee } from "./employee.js";
import type { AssistantResult, AssistantThreadInput } from "./queue-assistant.js";

const input = workerData as AssistantThreadInput;
const employee = await createEmployee({ ...input, say: () => undefined });

parentPort?.on("message", () => {
  employee.drain().then(
    (processed) => parentPort?.postMessage({ processed } satisfies AssistantResult),
    (error: unknown) =>
      parentPort?.postMessage({
        processed: { waiting: 0, done: 0, quarantined: 0 },
        failed: employee.redactor.text(error instanceof Error ? error.message : String(error)),
      } satisfies AssistantResult),
  );
});
