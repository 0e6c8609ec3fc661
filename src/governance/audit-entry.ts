/**
 * @module One line of the audit log: the seed's schema plus task, approval, dry-run and the hash chain.
 * Every field is present on every line (`null` where it does not apply).
 */

export type AuditResult = "success" | "failure" | "refused" | "pending";
export type ApprovalStatusInLog =
  "approved" | "auto_approved" | "pending" | "rejected" | "expired" | "not_required";

export interface AuditEntry {
  timestamp: string;
  action_type: string;
  actor: string;
  target: string | null;
  parameters: Record<string, unknown> | null;
  approval_status: ApprovalStatusInLog | null;
  approved_by: string | null;
  result: AuditResult;
  error: string | null;
  retry_count: number;
  task_id: string | null;
  approval_id: string | null;
  dry_run: boolean;
  prev_hash: string;
  hash: string;
}

/** What a caller gives; the log fills the rest. */
export type AuditEvent = Pick<AuditEntry, "action_type" | "actor" | "result"> &
  Partial<Omit<AuditEntry, "action_type" | "actor" | "result" | "timestamp" | "prev_hash" | "hash">>;

export const GENESIS_HASH = "0".repeat(64);

export const AUDIT_FIELDS: readonly (keyof AuditEntry)[] = [
  "timestamp",
  "action_type",
  "actor",
  "target",
  "parameters",
  "approval_status",
  "approved_by",
  "result",
  "error",
  "retry_count",
  "task_id",
  "approval_id",
  "dry_run",
  "prev_hash",
  "hash",
];
