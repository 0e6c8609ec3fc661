/**
 * @module `ai-employee run --once`: one pass of every configured watcher, then the orchestrator brings
 * every task to rest (done, waiting for a person, or quarantined), then exit. While the watchers file a
 * long backlog, a second thread already plans what they filed, and goes on alongside the pass.
 */
import type { Employee } from "./employee.js";
import type { PassResult } from "./orchestrator.js";
import { startUp } from "./start-up.js";

export async function runOnce(
  employee: Employee,
  vaultRoot: string,
): Promise<PassResult & { collected: number }> {
  const lock = await startUp(employee, vaultRoot);
  try {
    const filing = collect(employee);
    await employee.assistWhile(filing);
    const collected = await filing;
    const result = await employee.pass();
    await employee.health.beat();
    return { ...result, collected };
  } finally {
    await lock.release();
  }
}

/** One pass of every watcher; returns how many items they filed. A watcher that fails is reported. */
async function collect(employee: Employee): Promise<number> {
  let collected = 0;
  for (const watcher of employee.watchers) {
    try {
      collected += await watcher.poll();
      employee.health.success(watcher.name);
    } catch (error) {
      employee.health.failure(
        watcher.name,
        employee.redactor.text(error instanceof Error ? error.message : String(error)),
      );
    }
  }
  return collected;
}
