import { watch } from "node:fs";
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
  const opening = { ...options, assistant: true };
  const { employee, root } = await openEmployee(context, opening);
  const mode = employee.config.dryRun ? "dry run (actions go to Outbox/)" : "LIVE (DRY_RUN=false)";
  if (options.once) {
    try {
      const result = await runOnce(employee, root);
      context.out(
        `pass done: ${result.collected} collected, ${result.processed.done} done, ${result.processed.waiting} waiting for a person, ${result.processed.quarantined} quarantined, ${result.executed} executed${result.assisted > 0 ? ` (${result.assisted} planned on a second thread)` : ""}; ${mode}`,
      );
    } finally {
      await employee.close();
    }
    return;
  }
  context.err(`starting the employee on ${root}; ${mode}`);
  let current = employee;
  for (;;) {
    // A change to `.env` (new credentials after an integration was refused) restarts the employee with
    // the new settings: that is how a paused integration resumes.
    const reload = new AbortController();
    const stop = () => reload.abort();
    signal.addEventListener("abort", stop, { once: true });
    const watcher = watchEnvFile(context.cwd, () => reload.abort());
    try {
      await runDaemon(current, { vaultRoot: root, signal: reload.signal, say: context.err });
    } finally {
      watcher.close();
      signal.removeEventListener("abort", stop);
    }
    if (signal.aborted) return;
    context.err("the configuration (.env) changed: restarting the employee with it");
    current = (await openEmployee({ ...context, env: context.readEnv() }, opening)).employee;
  }
}

/** Watches `.env` in the working folder (inotify; nothing runs while idle). */
function watchEnvFile(folder: string, onChange: () => void): { close(): void } {
  try {
    return watch(folder, (_event, name) => {
      if (name === ".env") onChange();
    });
  } catch {
    return { close: () => undefined };
  }
}
