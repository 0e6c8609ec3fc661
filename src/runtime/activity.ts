/**
 * @module Recent activity for people, read from the tail of the audit log (newest first).
 */
import path from "node:path";
import type { AuditEntry } from "../governance/audit-entry.js";
import { auditPaths, lastLines, listLogFiles } from "../governance/audit-files.js";

export function describeEntry(entry: AuditEntry): string | undefined {
  const target = entry.target ?? "";
  const dry = entry.dry_run ? " (dry run, see Outbox/)" : "";
  switch (entry.action_type) {
    case "task_created":
      return `New task from ${String((entry.parameters as { from?: string } | null)?.from || "a watcher")}: ${String((entry.parameters as { subject?: string } | null)?.subject ?? target)}`;
    case "plan_written":
      return `Plan written: ${target}`;
    case "task_done":
      return `Task finished: ${target}`;
    case "task_quarantined":
    case "quarantine":
      return `Quarantined ${target}: ${entry.error ?? ""}`;
    case "plan_failed":
      return `Could not plan ${target}: ${entry.error ?? ""}`;
    default:
      if (entry.actor === "human" && entry.approval_status === "approved")
        return `Approved by ${entry.approved_by ?? "a person"}: ${entry.action_type}${target ? ` to ${target}` : ""}`;
      if (entry.actor === "human" && entry.approval_status === "rejected")
        return `Rejected by a person: ${entry.action_type}${target ? ` to ${target}` : ""}`;
      if (entry.result === "pending")
        return `${entry.action_type} to ${target || "—"} ${entry.approval_status === "auto_approved" ? "auto-approved by the Handbook" : "waits for approval"} (${entry.approval_id ?? ""})`;
      if (entry.result === "success")
        return `${entry.action_type} done${target ? ` for ${target}` : ""}${dry}`;
      if (entry.result === "refused")
        return `${entry.action_type} refused${target ? ` for ${target}` : ""}: ${entry.error ?? ""}`;
      return `${entry.action_type} failed${target ? ` for ${target}` : ""}: ${entry.error ?? ""}`;
  }
}

export async function recentActivity(
  vaultRoot: string,
  limit: number,
): Promise<{ at: Date; text: string }[]> {
  const paths = auditPaths(vaultRoot);
  const files = (await listLogFiles(paths.logs)).slice(-2);
  const lines: string[] = [];
  for (const file of files) lines.push(...(await lastLines(path.join(paths.logs, file), limit * 2)));
  const activity: { at: Date; text: string }[] = [];
  for (const line of lines.reverse()) {
    if (activity.length >= limit) break;
    try {
      const entry = JSON.parse(line) as AuditEntry;
      const text = describeEntry(entry);
      if (text)
        activity.push({ at: new Date(entry.timestamp), text: text.replace(/\s+/g, " ").slice(0, 200) });
    } catch {
      // A damaged line is `logs verify`'s business, not the dashboard's.
    }
  }
  return activity;
}
