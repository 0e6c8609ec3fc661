/**
 * @module Daily retention: day files older than the retention (90 days by default) are deleted, and the
 * last hash they held becomes the anchor, so verification of what remains still holds.
 */
import { unlink } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../vault/atomic-write.js";
import type { AuditEntry } from "./audit-entry.js";
import { auditPaths, lastLine, listLogFiles } from "./audit-files.js";

export const DEFAULT_RETENTION_DAYS = 90;

export async function pruneAuditLog(
  vaultRoot: string,
  now: Date,
  retentionDays = DEFAULT_RETENTION_DAYS,
): Promise<string[]> {
  const paths = auditPaths(vaultRoot);
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString().slice(0, 10);
  const old = (await listLogFiles(paths.logs)).filter((file) => file.slice(0, 10) < cutoff);
  const newest = old.at(-1);
  if (newest === undefined) return [];
  // Anchor first: a crash between the two steps leaves files the anchor already covers, never a gap.
  for (const file of [...old].reverse()) {
    const line = await lastLine(path.join(paths.logs, file));
    if (line === undefined) continue;
    const entry = JSON.parse(line) as AuditEntry;
    await writeFileAtomic(paths.anchor, JSON.stringify({ hash: entry.hash, through: file }));
    break;
  }
  for (const file of old) await unlink(path.join(paths.logs, file));
  return old;
}
