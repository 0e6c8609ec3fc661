/**
 * @module The executor: runs the employee's own approved requests through the MCP host (the servers
 * check the approval again, so the executor holds no power of its own), and records what a person
 * decided by moving files.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ApprovalDesk } from "../governance/approval-desk.js";
import { approvalFromNote } from "../governance/approval-request.js";
import type { AuditLog } from "../governance/audit-log.js";
import { isEmployeeError } from "../governance/errors/employee-error.js";
import type { McpHost } from "../mcp/mcp-host.js";
import { writeAlert } from "../vault/alerts.js";
import { FOLDERS } from "../vault/folders.js";
import type { NoteStore } from "../vault/note-store.js";

export interface ExecutorDeps {
  store: NoteStore;
  desk: ApprovalDesk;
  audit: AuditLog;
  host: McpHost;
  now(): Date;
  /** Called with the task id of every request that reached an end. */
  onRequestClosed(taskId: string): Promise<void>;
  /** Whether a server's integration is paused (its credentials were refused). */
  isPaused(server: string): boolean;
  /** Called when a call failed for lack of valid credentials: the integration is paused. */
  onAuthFailure(server: string, message: string): Promise<void>;
}

export interface ExecutionPass {
  executed: number;
  /** The earliest time a deferred request may run, if any was deferred. */
  nextAttempt: Date | undefined;
}

function structured(result: CallToolResult): Record<string, unknown> {
  return result.structuredContent ?? {};
}

function approvalFromNoteOrUndefined(note: Parameters<typeof approvalFromNote>[0]) {
  try {
    return approvalFromNote(note);
  } catch {
    return undefined;
  }
}

export function createExecutor(deps: ExecutorDeps) {
  const { store, desk } = deps;
  /** Files in `Rejected/` already looked at by this process, so each pass reads only new ones. */
  const settled = new Set<string>();

  return {
    /** Runs every approved request the employee filed itself. */
    async runApproved(): Promise<ExecutionPass> {
      let executed = 0;
      let nextAttempt: Date | undefined;
      for (const relative of await store.list(FOLDERS.approved)) {
        let request;
        try {
          request = approvalFromNote(await store.read(relative));
        } catch (error) {
          if (!isEmployeeError(error)) throw error;
          const moved = await store.move(relative, FOLDERS.quarantine);
          await writeAlert(store, deps.now(), {
            title: "An approval file could not be read",
            source: "executor",
            severity: "warning",
            body: `${error.message}\n\nMoved to [[${moved}]]; nothing was run.`,
          });
          continue;
        }
        // A request an outside MCP client filed is run by that client, when it calls again with the id.
        if (request.origin === "outside_client") continue;
        // An integration refused for its credentials waits, its approvals intact, until they change.
        if (deps.isPaused(request.server)) continue;
        const result = await deps.host.call(request.server, request.tool, {
          ...request.parameters,
          approval_id: request.id,
        });
        const outcome = structured(result);
        if (outcome.status === "executed") executed += 1;
        if (outcome.status === "deferred" && typeof outcome.until === "string") {
          const until = new Date(outcome.until);
          if (!nextAttempt || until < nextAttempt) nextAttempt = until;
        }
        if (outcome.status === "failed" && outcome.kind === "auth")
          await deps.onAuthFailure(request.server, String(outcome.error));
        if (request.task) await deps.onRequestClosed(request.task);
      }
      return { executed, nextAttempt };
    },

    /**
     * Closed requests in `Rejected/` not yet taken note of: a person's rejection (by moving the file, by
     * the CLI or the web page) is logged, and the task of each is told.
     */
    async settleRejected(): Promise<void> {
      for (const relative of await store.list(FOLDERS.rejected)) {
        if (settled.has(relative)) continue;
        const note = await store.read(relative).catch(() => undefined);
        const request = note ? approvalFromNoteOrUndefined(note) : undefined;
        if (!note || !request || request.settled === true) {
          settled.add(relative);
          continue;
        }
        // Moved here by hand: its status still says what it was before. (The CLI and the web page log
        // their own rejections when they make them.)
        const byPerson = request.status === "pending" || request.status === "approved";
        const update = byPerson
          ? {
              status: "rejected" as const,
              decided_at: request.decided_at ?? deps.now().toISOString(),
              rejection_reason: "moved to Rejected/ by a person",
              settled: true,
            }
          : { settled: true };
        await desk.close(
          { path: relative, folder: FOLDERS.rejected, request, note },
          FOLDERS.rejected,
          update,
        );
        if (byPerson) {
          await deps.audit.append({
            action_type: request.tool,
            actor: "human",
            target: request.recipient,
            parameters: request.parameters,
            approval_status: "rejected",
            approved_by: null,
            result: "refused",
            error: update.rejection_reason ?? null,
            task_id: request.task,
            approval_id: request.id,
          });
        }
        settled.add(relative);
        if (request.task) await deps.onRequestClosed(request.task);
      }
    },
  };
}

export type Executor = ReturnType<typeof createExecutor>;
