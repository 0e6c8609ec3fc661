/**
 * @module The core's side of a watcher (`TaskSink`) in memory, for watcher tests: it deduplicates by
 * `source` + `externalId` like the real core, writes attachments to disk under the vault, keeps
 * quarantined items, and can be made to fail like a full disk.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { InboundItem, QuarantinedItem, TaskSink } from "../../src/integrations/inbound-item.js";

export interface MemoryTaskSink {
  sink: TaskSink;
  readonly items: InboundItem[];
  readonly quarantined: QuarantinedItem[];
  /** While true, `submit` throws as if the vault could not be written. */
  fail(failing: boolean): void;
}

export function createMemoryTaskSink(vaultRoot: string): MemoryTaskSink {
  const items: InboundItem[] = [];
  const quarantined: QuarantinedItem[] = [];
  let failing = false;
  const sink: TaskSink = {
    async submit(item) {
      if (failing) throw new Error("ENOSPC: no space left on device");
      const existing = items.findIndex(
        (known) => known.source === item.source && known.externalId === item.externalId,
      );
      if (existing >= 0) return { created: false, id: `task-${existing}` };
      items.push(item);
      return { created: true, id: `task-${items.length - 1}` };
    },
    async quarantine(item) {
      quarantined.push(item);
    },
    async saveAttachment(source, name, content) {
      const relative = `Attachments/${source}/${name}`;
      await mkdir(path.join(vaultRoot, "Attachments", source), { recursive: true });
      await writeFile(path.join(vaultRoot, relative), content);
      return relative;
    },
  };
  return {
    sink,
    items,
    quarantined,
    fail(value) {
      failing = value;
    },
  };
}
