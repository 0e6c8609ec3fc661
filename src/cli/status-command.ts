import { readFile } from "node:fs/promises";
import { createDashboardWriter } from "../runtime/dashboard-writer.js";
import { healthFile } from "../runtime/health.js";
import { createHealth } from "../runtime/health.js";
import { createNoteStore } from "../vault/note-store.js";
import { vaultFrom, type CliContext } from "./cli-context.js";

/** `ai-employee status [--json]`: counts, pending approvals, alerts and the last heartbeat's health. */
export async function statusCommand(
  context: CliContext,
  options: { vault?: string; json?: boolean },
): Promise<void> {
  const root = vaultFrom(context, options.vault);
  const store = createNoteStore(root);
  const heartbeat = JSON.parse(await readFile(healthFile(root), "utf8").catch(() => "null")) as {
    pid: number;
    at: string;
    components: { name: string; state: string; detail: string; lastError: string | null }[];
  } | null;
  const health = createHealth(root, () => new Date());
  for (const component of heartbeat?.components ?? [])
    health.set(component.name, component.state as never, component.detail);
  const data = await createDashboardWriter({ store, health, now: () => new Date() }).gather();
  if (options.json) {
    context.out(
      JSON.stringify(
        {
          vault: root,
          heartbeat: heartbeat ? { pid: heartbeat.pid, at: heartbeat.at } : null,
          counts: data.counts,
          pending: data.pending,
          alerts: data.alerts,
          health: heartbeat?.components ?? [],
          activity: data.activity,
        },
        null,
        2,
      ),
    );
    return;
  }
  context.out(`vault: ${root}`);
  context.out(
    `last heartbeat: ${heartbeat ? `${heartbeat.at} (pid ${heartbeat.pid})` : "never (the employee has not run)"}`,
  );
  context.out(data.counts.map((entry) => `${entry.folder}: ${entry.count}`).join(", "));
  context.out(
    data.pending.length === 0 ? "no approvals pending" : `pending approvals (${data.pending.length}):`,
  );
  for (const request of data.pending)
    context.out(
      `  ${request.id}  ${request.summary}  [${request.risks.join(", ") || "no risks"}]  → ai-employee approve ${request.id}`,
    );
  for (const alert of data.alerts) context.out(`alert (${alert.severity}): ${alert.title}`);
  for (const component of heartbeat?.components ?? [])
    context.out(
      `health ${component.name}: ${component.state}${component.detail ? ` (${component.detail})` : ""}`,
    );
}
