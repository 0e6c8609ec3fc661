import path from "node:path";
import type { AuditEntry } from "../governance/audit-entry.js";
import { auditPaths, listLogFiles, readLines } from "../governance/audit-files.js";
import { verifyAuditLog } from "../governance/audit-verify.js";
import { CliError, EXIT, vaultFrom, type CliContext } from "./cli-context.js";

/** `ai-employee logs [--since DATE] [--type TYPE] [--json]`: the audit log, one line per entry. */
export async function logsCommand(
  context: CliContext,
  options: { vault?: string; since?: string; type?: string; json?: boolean },
): Promise<void> {
  const root = vaultFrom(context, options.vault);
  const since = options.since === undefined ? undefined : Date.parse(options.since);
  if (since !== undefined && Number.isNaN(since))
    throw new CliError(`--since "${options.since}" is not a date (use e.g. 2026-11-01)`, EXIT.usage);
  const { logs } = auditPaths(root);
  for (const file of await listLogFiles(logs)) {
    if (since !== undefined && file.slice(0, 10) < new Date(since).toISOString().slice(0, 10)) continue;
    for await (const line of readLines(path.join(logs, file))) {
      if (line.trim() === "") continue;
      const entry = JSON.parse(line) as AuditEntry;
      if (since !== undefined && Date.parse(entry.timestamp) < since) continue;
      if (options.type !== undefined && entry.action_type !== options.type) continue;
      if (options.json) context.out(line);
      else
        context.out(
          `${entry.timestamp}  ${entry.action_type.padEnd(16)} ${entry.result.padEnd(8)} ${entry.actor}${entry.target ? ` → ${entry.target}` : ""}${entry.dry_run ? " (dry run)" : ""}${entry.error ? `  error: ${entry.error}` : ""}`,
        );
    }
  }
}

/** `ai-employee logs verify`: the first edited, removed or reordered line, or "intact". */
export async function verifyLogsCommand(context: CliContext, options: { vault?: string }): Promise<void> {
  const result = await verifyAuditLog(vaultFrom(context, options.vault));
  if (result.ok) {
    context.out(`audit log intact: ${result.lines} line(s) verified`);
    return;
  }
  throw new CliError(
    `audit log tampered: ${result.file} line ${result.line}: ${result.problem} (${result.lines} line(s) verified before it)`,
    EXIT.failure,
  );
}
