/**
 * @module The core's side of every watcher: an arrival becomes a task note in `Needs_Action/` (triaged
 * from the Handbook, deduplicated by source + external id), or a quarantine entry with an alert.
 * The dedupe marker says "pending <note>" before the note is written and the task id after, so a crash
 * at any point neither loses the item nor files it twice.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { AuditLog } from "../governance/audit-log.js";
import type { Handbook } from "../governance/handbook.js";
import type { InboundItem, QuarantinedItem, TaskSink } from "../integrations/inbound-item.js";
import { priorityOf, triageSender } from "../reasoning/triage.js";
import { writeAlert } from "../vault/alerts.js";
import { writeFileAtomic } from "../vault/atomic-write.js";
import { FOLDERS } from "../vault/folders.js";
import { createNoteId } from "../vault/note-id.js";
import type { NoteStore } from "../vault/note-store.js";
import { safeFileName, slug } from "../vault/safe-name.js";
import type { SeenIndex } from "../vault/seen-index.js";
import { renderTaskBody } from "../vault/task-note.js";

export interface TaskSinkDeps {
  store: NoteStore;
  seen: SeenIndex;
  audit: AuditLog;
  handbook(): Promise<Handbook>;
  now(): Date;
  /** Told after each new task, so the orchestrator can pick it up at once. */
  onTask?(relative: string): void;
}

/** A task note quotes at most this much of the outside content; the rest stays in the attachment or source. */
export const MAX_QUOTED_CHARS = 100_000;

const TYPE_PREFIX: Record<InboundItem["type"], string> = {
  email: "EMAIL",
  whatsapp_message: "WHATSAPP",
  file_drop: "FILE",
  x_mention: "X",
  finance_event: "FINANCE",
  social_draft: "SOCIAL",
  alert: "ALERT",
};

const PENDING = "pending ";

function idOf(name: string): string {
  return /_([^_]+)\.md$/.exec(name)?.[1] ?? name;
}

export function createTaskSink(deps: TaskSinkDeps): TaskSink {
  const { store } = deps;
  const inFlight = new Map<string, Promise<void>>();

  /** Where a task note can be once filed: the queue, any agent's claims, Done/ or Quarantine/. */
  async function existsAnywhere(name: string): Promise<boolean> {
    const agents = await readdir(store.absolute(FOLDERS.inProgress)).catch(() => [] as string[]);
    const folders = [
      FOLDERS.needsAction,
      FOLDERS.done,
      FOLDERS.quarantine,
      ...agents.map((agent) => path.posix.join(FOLDERS.inProgress, agent)),
    ];
    for (const folder of folders) if (await store.exists(path.posix.join(folder, name))) return true;
    return false;
  }
  async function fileOnce(item: InboundItem): Promise<{ created: boolean; id: string }> {
    const key = `${item.source}\u0000${item.externalId}`;
    const fresh = createNoteId(deps.now());
    const freshName = `${TYPE_PREFIX[item.type]}_${slug(item.subject || item.from)}_${fresh}.md`;
    const marker = await deps.seen.add(key, `${PENDING}${freshName}`);
    // "pending <name>": a crash came between the marker and the note; finish that note, never a second one.
    const pending = marker?.startsWith(PENDING) ? marker.slice(PENDING.length) : undefined;
    if (marker !== undefined && pending === undefined) return { created: false, id: marker };
    if (pending !== undefined && (await existsAnywhere(pending))) {
      const id = idOf(pending);
      await deps.seen.record(key, id);
      return { created: false, id };
    }
    const handbook = await deps.handbook();
    const id = pending === undefined ? fresh : idOf(pending);
    const sender = triageSender(item.from, handbook, item.domain ?? "business");
    const quoted =
      item.body.length > MAX_QUOTED_CHARS
        ? `${item.body.slice(0, MAX_QUOTED_CHARS)}\n[... ${item.body.length - MAX_QUOTED_CHARS} more characters not quoted]`
        : item.body;
    const attachments = (item.attachments ?? []).map((attachment) => ({
      name: attachment.name,
      path: attachment.path ?? null,
      size: attachment.size,
      media_type: attachment.mediaType,
      ...(attachment.skipped ? { skipped: attachment.skipped } : {}),
    }));
    const data = {
      id,
      type: item.type,
      source: item.source,
      from: item.from,
      ...((item.fromName ?? sender.name) ? { from_name: item.fromName ?? sender.name } : {}),
      subject: item.subject,
      received: item.received,
      priority: priorityOf(`${item.subject}\n${item.body}`, handbook),
      domain: item.domain ?? sender.domain,
      status: "needs_action",
      contact: sender.contact,
      external_id: item.externalId,
      ...(item.fields ?? {}),
      ...(attachments.length > 0 ? { attachments } : {}),
    };
    const links = attachments
      .filter((attachment) => attachment.path)
      .map((attachment) => `- [[${attachment.path}]]`);
    const summary = [
      `# ${item.subject || `${item.type} from ${item.from || "unknown sender"}`}`,
      "",
      `From **${item.fromName ?? sender.name ?? item.from}** (${sender.contact} contact) via ${item.source}, received ${item.received}.`,
      ...(links.length > 0 ? ["", "Attachments:", ...links] : []),
    ].join("\n");
    const relative = path.posix.join(FOLDERS.needsAction, pending ?? freshName);
    await store.write(relative, { data, body: renderTaskBody(summary, quoted) }, { exclusive: true });
    await deps.seen.record(key, id);
    await deps.audit.append({
      action_type: "task_created",
      actor: `watcher:${item.source}`,
      target: relative,
      parameters: { type: item.type, from: item.from, subject: item.subject },
      result: "success",
      task_id: id,
      approval_status: "not_required",
    });
    deps.onTask?.(relative);
    return { created: true, id };
  }

  return {
    async submit(item) {
      const key = `${item.source}\u0000${item.externalId}`;
      // Two arrivals of the same item at once (a file dropped twice) are filed one after the other, so
      // the second sees the first's marker.
      const mine = (inFlight.get(key) ?? Promise.resolve()).then(() => fileOnce(item));
      const settled = mine.then(
        () => undefined,
        () => undefined,
      );
      inFlight.set(key, settled);
      try {
        return await mine;
      } finally {
        if (inFlight.get(key) === settled) inFlight.delete(key);
      }
    },

    async quarantine(item: QuarantinedItem) {
      const now = deps.now();
      const id = createNoteId(now);
      const file = `${id}_${safeFileName(item.name, 80)}`;
      await writeFileAtomic(store.absolute(path.posix.join(FOLDERS.quarantine, file)), item.content);
      await store.write(path.posix.join(FOLDERS.quarantine, `${file}.md`), {
        data: {
          id,
          type: "quarantine",
          source: item.source,
          reason: item.reason,
          file,
          created: now.toISOString(),
        },
        body: `# Quarantined: ${item.name}\n\n${item.reason}\n\nThe original is kept beside this note as [[${FOLDERS.quarantine}/${file}]].\n`,
      });
      await writeAlert(store, now, {
        title: `Quarantined an item from ${item.source}`,
        source: item.source,
        severity: "warning",
        body: `${item.reason}\n\nThe item is kept in [[${FOLDERS.quarantine}/${file}.md]]. Fix it and drop it into \`Inbox/\` again, or delete it.`,
      });
      await deps.audit.append({
        action_type: "quarantine",
        actor: `watcher:${item.source}`,
        target: `${FOLDERS.quarantine}/${file}`,
        result: "refused",
        error: item.reason,
      });
    },

    async saveAttachment(source, name, content) {
      const relative = path.posix.join(
        FOLDERS.attachments,
        slug(source, 30),
        `${createNoteId(deps.now())}_${safeFileName(name, 100)}`,
      );
      await writeFileAtomic(store.absolute(relative), content);
      return relative;
    },
  };
}
