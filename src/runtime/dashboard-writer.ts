/**
 * @module The single writer of `Dashboard.md`: gathers counts, pending approvals, alerts, health and the
 * recent activity, and rewrites the page only when it changed.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { approvalFromNote } from "../governance/approval-request.js";
import { writeFileAtomic } from "../vault/atomic-write.js";
import { renderDashboard, type DashboardData } from "../vault/dashboard.js";
import { DASHBOARD_FILE, FOLDERS } from "../vault/folders.js";
import type { NoteStore } from "../vault/note-store.js";
import { recentActivity } from "./activity.js";
import type { Health } from "./health.js";

/** A dashboard is for a glance: longer lists are counted, not listed. */
const MAX_LISTED = 25;
const ACTIVITY_LINES = 15;
/** The page is for a glance, not a ticker. */
const MIN_INTERVAL_MS = 2_000;

const COUNTED = [
  FOLDERS.needsAction,
  FOLDERS.inProgress,
  FOLDERS.pendingApproval,
  FOLDERS.approved,
  FOLDERS.rejected,
  FOLDERS.done,
  FOLDERS.alerts,
  FOLDERS.quarantine,
  FOLDERS.outbox,
] as const;

async function countMarkdown(directory: string, depth = 1): Promise<number> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  let count = 0;
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isFile()) count += 1;
    else if (entry.isDirectory() && depth > 0)
      count += await countMarkdown(path.join(directory, entry.name), depth - 1);
  }
  return count;
}

export function createDashboardWriter(deps: { store: NoteStore; health: Health; now(): Date }) {
  const { store } = deps;
  let last = "";
  let lastWrite = 0;
  let timer: NodeJS.Timeout | undefined;

  async function gather(): Promise<DashboardData> {
    const counts = await Promise.all(
      COUNTED.map(async (folder) => ({ folder, count: await countMarkdown(store.absolute(folder)) })),
    );
    const pending: DashboardData["pending"] = [];
    for (const relative of (await store.list(FOLDERS.pendingApproval)).slice(0, MAX_LISTED)) {
      try {
        const request = approvalFromNote(await store.read(relative));
        const summary = [
          request.tool,
          request.recipient ? `to ${request.recipient}` : "",
          request.amount !== null ? `${request.amount} ${request.currency ?? ""}` : "",
        ]
          .filter(Boolean)
          .join(" ");
        pending.push({
          id: request.id,
          file: path.posix.basename(relative),
          summary,
          expires: request.expires,
          risks: request.risk,
        });
      } catch {
        pending.push({
          id: "?",
          file: path.posix.basename(relative),
          summary: "(cannot be read)",
          expires: "",
          risks: [],
        });
      }
    }
    const alerts: DashboardData["alerts"] = [];
    for (const relative of (await store.list(FOLDERS.alerts)).slice(-MAX_LISTED)) {
      const note = await store.read(relative).catch(() => undefined);
      const title = note?.data.title;
      const severity = note?.data.severity;
      alerts.push({
        file: path.posix.basename(relative),
        title: typeof title === "string" ? title : relative,
        severity: typeof severity === "string" ? severity : "info",
      });
    }
    return {
      updated: deps.now(),
      counts,
      pending,
      alerts,
      health: deps.health.snapshot(),
      activity: await recentActivity(store.root, ACTIVITY_LINES),
    };
  }

  async function write(): Promise<void> {
    lastWrite = Date.now();
    const data = await gather();
    // The timestamp alone changing is not a change worth a write.
    const content = renderDashboard(data);
    const comparable = content.replace(/^Updated .*$/m, "");
    if (comparable === last) return;
    await writeFileAtomic(store.absolute(DASHBOARD_FILE), content);
    last = comparable;
  }

  return {
    gather,
    /** Writes now (the end of `run --once`, shutdown). */
    async flush(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await write();
    },
    /**
     * Writes soon: at most once per MIN_INTERVAL_MS, the last change always included. A burst of a
     * thousand tasks rewrites the page a few times, not a thousand.
     */
    soon(onError: (error: unknown) => void): void {
      if (timer) return;
      timer = setTimeout(
        () => {
          timer = undefined;
          write().catch(onError);
        },
        Math.max(0, lastWrite + MIN_INTERVAL_MS - Date.now()),
      );
    },
  };
}

export type DashboardWriter = ReturnType<typeof createDashboardWriter>;
