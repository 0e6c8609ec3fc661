/**
 * @module The approval gate in front of every side-effecting tool, for every client (the employee's own
 * executor, Claude Code, Qwen Code...). Without an approval id a call only files a request (never
 * auto-approved over MCP); with one it runs exactly the approved payload, once, within the rate limits.
 */
import type { ApprovalDesk, StoredRequest } from "../governance/approval-desk.js";
import type { AuditLog } from "../governance/audit-log.js";
import type { ApprovalStatusInLog } from "../governance/audit-entry.js";
import type { Risk } from "../governance/decision.js";
import { decide } from "../governance/policy.js";
import { isEmployeeError } from "../governance/errors/employee-error.js";
import type { ExecutionLedger } from "../governance/execution-ledger.js";
import type { HandbookReading } from "../governance/handbook.js";
import type { RateLimiter } from "../governance/rate-limiter.js";
import type { Redactor } from "../governance/redact.js";
import { parkUntil, withRetry } from "../governance/retry.js";
import type { ToolDefinition } from "../integrations/tool-definition.js";
import { FOLDERS } from "../vault/folders.js";
import type { GateResult } from "./gate-result.js";

export interface ApprovalGateDeps {
  desk: ApprovalDesk;
  ledger: ExecutionLedger;
  audit: AuditLog;
  rateLimiter: RateLimiter;
  redactor: Redactor;
  handbook(): Promise<HandbookReading>;
  isKnown(recipient: string, reading: HandbookReading): boolean;
  now(): Date;
  /** Tells the person something needs them (an alert note). */
  notify(alert: { title: string; body: string; key: string }): Promise<void>;
  /** Backoff base for transient retries; tests shorten it. */
  retryBaseDelayMs?: number;
}

export interface ApprovalGate {
  call(
    server: string,
    tool: ToolDefinition,
    parameters: Record<string, unknown>,
    approvalId: string | undefined,
    signal: AbortSignal,
  ): Promise<GateResult>;
}

export function createApprovalGate(deps: ApprovalGateDeps): ApprovalGate {
  const { desk, ledger, audit } = deps;

  function errorText(error: unknown): string {
    return deps.redactor.text(error instanceof Error ? error.message : String(error));
  }

  async function log(
    tool: ToolDefinition,
    parameters: Record<string, unknown>,
    fields: {
      result: "success" | "failure" | "refused" | "pending";
      approvalId?: string | undefined;
      stored?: StoredRequest | undefined;
      error?: string;
      retries?: number;
      dryRun?: boolean;
      approvalStatus?: ApprovalStatusInLog;
    },
  ): Promise<void> {
    // A person's edit may have made the parameters invalid for the tool; the line is still written.
    const parsed = tool.input.safeParse(parameters);
    const facts = parsed.success ? tool.facts?.(parsed.data) : undefined;
    const request = fields.stored?.request;
    await audit.append({
      action_type: tool.name,
      actor: request?.origin === "outside_client" || !request ? "mcp_client" : "executor",
      target: facts?.recipients.join(", ") || null,
      parameters,
      approval_status:
        fields.approvalStatus ??
        (request?.approved_by === "policy" ? "auto_approved" : request ? "approved" : null),
      approved_by: request?.approved_by ?? null,
      result: fields.result,
      error: fields.error ?? null,
      retry_count: fields.retries ?? 0,
      task_id: request?.task ?? null,
      approval_id: fields.approvalId ?? null,
      dry_run: fields.dryRun ?? false,
    });
  }

  async function fileForOutsideClient(
    server: string,
    tool: ToolDefinition,
    parameters: Record<string, unknown>,
  ): Promise<GateResult> {
    const facts = tool.facts!(tool.input.parse(parameters));
    const reading = await deps.handbook();
    const decision = decide(reading.handbook, {
      facts,
      origin: "outside_client",
      untrustedFields: [],
      isKnown: (recipient) => deps.isKnown(recipient, reading),
      handbookReadable: reading.problems.length === 0,
    });
    if (decision.kind === "refuse") {
      await log(tool, parameters, { result: "refused", error: decision.reason });
      return { status: "refused", approvalId: undefined, reason: decision.reason };
    }
    const stored = await desk.file({
      server,
      tool: tool.name,
      parameters,
      facts,
      decision,
      origin: "outside_client",
    });
    await log(tool, parameters, {
      result: "pending",
      approvalId: stored.request.id,
      stored,
      approvalStatus: "pending",
    });
    const id = stored.request.id;
    return {
      status: "pending",
      approvalId: id,
      text: `pending approval ${id}: a person must approve ${stored.path} (ai-employee approve ${id}); then call ${tool.name} again with the same arguments and approval_id "${id}"`,
    };
  }

  async function supersede(server: string, tool: ToolDefinition, stored: StoredRequest): Promise<GateResult> {
    const id = stored.request.id;
    const edited = tool.input.safeParse(stored.request.parameters);
    if (!edited.success) {
      await desk.close(stored, FOLDERS.rejected, {
        status: "rejected",
        rejection_reason: "the edited parameters are not valid for this tool",
      });
      await log(tool, stored.request.parameters, {
        result: "refused",
        approvalId: id,
        stored,
        error: "edited parameters are invalid",
      });
      return {
        status: "refused",
        approvalId: id,
        reason: `approval ${id} was edited into parameters that are not valid for ${tool.name}`,
      };
    }
    const parameters = stored.request.parameters;
    const facts = tool.facts!(edited.data);
    const fresh = await desk.file({
      server,
      tool: tool.name,
      parameters,
      facts,
      decision: {
        kind: "needs_approval",
        reasons: ["a person edited the parameters after the request was issued"],
        risks: stored.request.risk as Risk[],
      },
      origin: stored.request.origin,
      task: stored.request.task ? { id: stored.request.task, link: stored.request.task } : undefined,
    });
    await desk.close(stored, FOLDERS.rejected, {
      status: "superseded",
      replaced_by: fresh.request.id,
      rejection_reason: `edited; replaced by ${fresh.request.id}`,
    });
    await log(tool, parameters, {
      result: "pending",
      approvalId: fresh.request.id,
      stored: fresh,
      approvalStatus: "pending",
    });
    return {
      status: "superseded",
      approvalId: id,
      newApprovalId: fresh.request.id,
      reason: `approval ${id} was edited after it was issued; a fresh request ${fresh.request.id} was filed for the edited version`,
    };
  }

  /** A refused request that sits in `Approved/` is moved out, so it is not tried again on every pass. */
  async function settleRefused(status: string, stored: StoredRequest, reason: string): Promise<void> {
    if (status === "expired") {
      await desk.close(stored, FOLDERS.rejected, { status: "expired", rejection_reason: reason });
    } else if (status === "unknown") {
      await desk.close(stored, FOLDERS.rejected, {
        status: "rejected",
        rejection_reason: `${reason}: refused as forged`,
      });
      await deps.notify({
        title: "Refused a forged approval",
        body: `${stored.path}: ${reason}. Nothing was run.`,
        key: `forged-${stored.request.id}`,
      });
    } else if (status === "executed") {
      const record = await ledger.get(stored.request.id);
      if (record?.state === "succeeded") {
        await desk.close(stored, FOLDERS.done, { status: "executed" });
      } else {
        // The process stopped during the call: it may have gone out, so it is never repeated.
        const note = "interrupted during the call: it may or may not have gone out, so it was not repeated";
        const closed = await desk.close(stored, FOLDERS.rejected, { status: "failed", last_error: note });
        await deps.notify({
          title: `Check whether ${stored.request.tool} went out`,
          body: `[[${closed.path.replace(/\.md$/, "")}]] was ${note}. Check the outside system; to send it again, ask the employee for a fresh request.`,
          key: `uncertain-${stored.request.id}`,
        });
      }
    }
  }

  async function execute(
    server: string,
    tool: ToolDefinition,
    parameters: Record<string, unknown>,
    approvalId: string,
    signal: AbortSignal,
  ): Promise<GateResult> {
    const check = await desk.check(approvalId, { server, tool: tool.name, parameters });
    if (!check.ok) {
      const stored = check.stored;
      if (check.status === "edited" && stored) return supersede(server, tool, stored);
      if (stored && stored.folder === FOLDERS.approved)
        await settleRefused(check.status, stored, check.reason);
      await log(tool, parameters, {
        result: "refused",
        approvalId,
        stored: check.stored,
        error: check.reason,
        approvalStatus: check.status === "expired" ? "expired" : undefined,
      });
      return { status: "refused", approvalId, reason: check.reason };
    }
    const { stored } = check;
    const input = tool.input.parse(parameters);
    const facts = tool.facts!(input);
    const reading = await deps.handbook();
    const slot = await deps.rateLimiter.take(facts.category, reading.handbook);
    if (!slot.ok) {
      return {
        status: "deferred",
        approvalId,
        until: slot.until.toISOString(),
        reason: `the Handbook's hourly limit for ${facts.category} is reached`,
      };
    }
    await ledger.clearRetryable(approvalId);
    if (!(await ledger.begin(approvalId, deps.now()))) {
      return { status: "refused", approvalId, reason: `approval ${approvalId} was already used` };
    }
    const isPayment = facts.category === "payment";
    try {
      const outcome = await withRetry(() => tool.run(input, signal), {
        retryable: !isPayment,
        now: () => deps.now(),
        ...(deps.retryBaseDelayMs === undefined ? {} : { baseDelayMs: deps.retryBaseDelayMs }),
      });
      await ledger.complete({
        state: "succeeded",
        key: approvalId,
        at: deps.now().toISOString(),
        result: outcome.value.data ?? null,
      });
      await log(tool, parameters, {
        result: "success",
        approvalId,
        stored,
        retries: outcome.retries,
        dryRun: outcome.value.dryRun === true,
      });
      await desk.close(stored, FOLDERS.done, {
        status: "executed",
        executed_at: deps.now().toISOString(),
        outcome: outcome.value.text,
      });
      return { status: "executed", approvalId, result: outcome.value, retries: outcome.retries };
    } catch (error) {
      const message = errorText(error);
      const kind = isEmployeeError(error) ? error.kind : "system";
      const parked = parkUntil(error, deps.now());
      // A payment is never retried automatically. Other transient failures, and a refusal of credentials
      // (the call never went out; the integration is paused until they change), keep their approval.
      const retryable =
        !isPayment && isEmployeeError(error) && (error.kind === "transient" || error.kind === "auth");
      await ledger.complete({
        state: "failed",
        key: approvalId,
        at: deps.now().toISOString(),
        error: message,
        retryable,
      });
      await log(tool, parameters, {
        result: "failure",
        approvalId,
        stored,
        error: message,
        retries: kind === "transient" && !isPayment && !parked ? 3 : 0,
      });
      if (retryable) {
        await desk.close(stored, FOLDERS.approved, { last_error: message });
        if (parked) return { status: "deferred", approvalId, until: parked.toISOString(), reason: message };
      } else {
        await desk.close(stored, FOLDERS.rejected, { status: "failed", last_error: message });
      }
      return { status: "failed", approvalId, error: message, kind, retryable };
    }
  }

  return {
    async call(server, tool, parameters, approvalId, signal) {
      if (tool.effect !== "write" || tool.facts === undefined)
        throw new Error(`${tool.name} is not a side-effecting tool`);
      return approvalId === undefined
        ? fileForOutsideClient(server, tool, parameters)
        : execute(server, tool, parameters, approvalId, signal);
    },
  };
}
