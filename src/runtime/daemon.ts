/**
 * @module `ai-employee run`: one supervised long-lived process. Watchers collect, the vault's folders are
 * watched so a task, an approval or a rejection is acted on at once, scheduled jobs run on time, and
 * nothing wakes while idle more often than the heartbeat.
 */
import { mkdirSync, watch } from "node:fs";
import { Cron } from "croner";
import { pruneAuditLog } from "../governance/audit-retention.js";
import { FOLDERS } from "../vault/folders.js";
import type { Employee } from "./employee.js";
import { createPassScheduler } from "./pass-scheduler.js";
import { serveDashboard } from "./serve-dashboard.js";
import { startUp } from "./start-up.js";
import { pollEvery, supervise } from "./supervisor.js";

/** The heartbeat an outside watchdog checks; also the only timer that fires while idle. */
export const HEARTBEAT_SECONDS = 60;
/** Lets a burst of file events (a person moving ten approvals) become one pass. */
const EVENT_SETTLE_MS = 5;

export interface DaemonOptions {
  vaultRoot: string;
  signal: AbortSignal;
  say(line: string): void;
  /** Told when the daemon is ready (watchers started, first pass done). */
  onReady?(): void;
}

export async function runDaemon(employee: Employee, options: DaemonOptions): Promise<void> {
  const { signal, say } = options;
  const lock = await startUp(employee, options.vaultRoot);
  const timers = new Set<NodeJS.Timeout>();
  const crons: Cron[] = [];
  let deferred: NodeJS.Timeout | undefined;

  const scheduler = createPassScheduler(
    async () => {
      const result = await employee.pass();
      if (result.nextAttempt) {
        if (deferred) clearTimeout(deferred);
        const wait = Math.max(1_000, result.nextAttempt.getTime() - Date.now());
        deferred = setTimeout(() => void scheduler.request(), wait);
      }
    },
    (error) => {
      const message = employee.redactor.text(error instanceof Error ? error.message : String(error));
      employee.health.failure("orchestrator", message);
      say(`pass failed: ${message}`);
    },
  );

  let pending: NodeJS.Timeout | undefined;
  const nudge = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      void scheduler.request();
    }, EVENT_SETTLE_MS);
  };

  const folders = [FOLDERS.needsAction, FOLDERS.approved, FOLDERS.rejected, FOLDERS.pendingApproval].map(
    (folder) => employee.store.absolute(folder),
  );
  // One inotify watch per folder: any change is a nudge, and which file changed is the pass's business
  // (chokidar would stat every file of a folder thousands of requests deep on each event).
  const vaultWatchers = folders.map((folder) => {
    mkdirSync(folder, { recursive: true });
    return watch(folder, (_event, name) => {
      if (!name || !/^\..*\.tmp$/.test(name)) nudge();
    }).on("error", (error) =>
      employee.health.failure("vault", `watching ${folder} failed: ${error.message}`),
    );
  });

  const running: Promise<void>[] = [];
  for (const watcher of employee.watchers) {
    const { listen } = watcher;
    if (listen) {
      running.push(
        supervise(watcher.name, (inner) => listen.call(watcher, inner), {
          health: employee.health,
          signal,
          say,
        }),
      );
    } else if (watcher.pollIntervalSeconds !== undefined) {
      const seconds = watcher.pollIntervalSeconds;
      const poll = async () => {
        await watcher.poll();
        employee.health.success(watcher.name);
      };
      running.push(
        supervise(watcher.name, (inner) => pollEvery(seconds, poll, inner), {
          health: employee.health,
          signal,
          say,
        }),
      );
    }
  }

  const timezone = employee.config.timezone;
  crons.push(
    new Cron("15 3 * * *", { timezone, protect: true }, async () => {
      const pruned = await pruneAuditLog(options.vaultRoot, new Date(), employee.config.auditRetentionDays);
      if (pruned.length > 0)
        await employee.audit.append({
          action_type: "log_retention",
          actor: "scheduler",
          target: null,
          parameters: { pruned },
          result: "success",
        });
    }),
  );
  for (const job of employee.scheduledJobs) {
    crons.push(
      new Cron(job.pattern, { timezone, protect: true }, async () => {
        try {
          await job.run();
          employee.health.success(job.name);
        } catch (error) {
          employee.health.failure(
            job.name,
            employee.redactor.text(error instanceof Error ? error.message : String(error)),
          );
        }
      }),
    );
  }

  const dashboardServer = serveDashboard(employee, { say, onDecision: nudge });

  const heartbeat = setInterval(
    () => void employee.health.beat().catch(() => undefined),
    HEARTBEAT_SECONDS * 1000,
  );
  timers.add(heartbeat);

  await scheduler.request();
  await employee.health.beat();
  say(`ready: watching ${options.vaultRoot}`);
  options.onReady?.();

  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });

  for (const timer of timers) clearInterval(timer);
  if (deferred) clearTimeout(deferred);
  if (pending) clearTimeout(pending);
  for (const cron of crons) cron.stop();
  for (const watcher of vaultWatchers) watcher.close();
  await dashboardServer?.close();
  await Promise.allSettled(running);
  await scheduler.idle();
  await employee.close();
  await lock.release();
}
