/**
 * @module Notes for the person (`Alerts/`): an integration paused, a loop exhausted, an item
 * quarantined. Shown on the dashboard until a person deletes or archives them.
 */
import path from "node:path";
import { FOLDERS } from "./folders.js";
import { createNoteId } from "./note-id.js";
import type { NoteStore } from "./note-store.js";
import { slug } from "./safe-name.js";

export type AlertSeverity = "info" | "warning" | "critical";

export interface AlertInput {
  title: string;
  source: string;
  severity: AlertSeverity;
  /** Markdown for the person: what happened and what to do. */
  body: string;
  /** When set, a second alert with the same key is not written while the first is still in `Alerts/`. */
  key?: string;
}

export async function writeAlert(store: NoteStore, now: Date, alert: AlertInput): Promise<string | undefined> {
  if (alert.key !== undefined) {
    for (const existing of await store.list(FOLDERS.alerts)) {
      const note = await store.read(existing).catch(() => undefined);
      if (note?.data.key === alert.key) return undefined;
    }
  }
  const id = createNoteId(now);
  const relative = path.posix.join(FOLDERS.alerts, `ALERT_${slug(alert.title)}_${id}.md`);
  await store.write(relative, {
    data: {
      id,
      type: "alert",
      severity: alert.severity,
      source: alert.source,
      title: alert.title,
      created: now.toISOString(),
      ...(alert.key === undefined ? {} : { key: alert.key }),
    },
    body: `# ${alert.title}\n\n${alert.body.trim()}\n`,
  });
  return relative;
}
