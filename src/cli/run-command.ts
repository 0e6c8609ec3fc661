import { runDaemon } from "../runtime/daemon.js";
import { runOnce } from "../runtime/run-once.js";
import type { CliContext } from "./cli-context.js";
import { openEmployee } from "./open-employee.js";

/** `ai-employee run [--once] [--offline]`: the daemon, or one pass that brings every task to rest. */
export async function runCommand(
  context: CliContext,
  options: { vault?: string; once?: boolean; offline?: boolean },
  signal: AbortSignal,
): Promise<void> {
  const { employee, root } = await openEmployee(context, options);
  const mode = employee.config.dryRun ? "dry run (actions go to Outbox/)" : "LIVE (DRY_RUN=false)";
  if (options.once) {
    try {
      const result = await runOnce(employee, root);
      context.out(
        `pass done: ${result.collected} collected, ${result.processed.done} done, ${result.processed.waiting} waiting for a person, ${result.processed.quarantined} quarantined, ${result.executed} executed; ${mode}`,
      );
    } finally {
      await employee.close();
    }
    return;
  }
  context.err(`starting the employee on ${root}; ${mode}`);
  await runDaemon(employee, { vaultRoot: root, signal, say: context.err });
}
