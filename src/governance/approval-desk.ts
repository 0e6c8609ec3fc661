/**
 * @module The approval desk: files requests, finds them wherever a person moved them, records a person's
 * decision, and checks an approval before anything runs. The check is the single gate every outward
 * call passes (the MCP servers call it), so the rules hold for any client.
 */
import path from "node:path";
import type { ActionFacts } from "./action-facts.js";
import {
  approvalFileName,
  approvalFromNote,
  renderApprovalBody,
  type ApprovalRequest,
} from "./approval-request.js";
import type { ApprovalRegistry } from "./approval-registry.js";
import type { Decision } from "./decision.js";
import type { ExecutionLedger } from "./execution-ledger.js";
import type { Handbook } from "./handbook.js";
import { payloadSha256 } from "./payload-hash.js";
import { FOLDERS } from "../vault/folders.js";
import type { NoteStore, StoredNote } from "../vault/note-store.js";
import { createNoteId } from "../vault/note-id.js";

export interface FileRequestInput {
  server: string;
  tool: string;
  parameters: Record<string, unknown>;
  facts: ActionFacts;
  /** `allow` files the request straight into `Approved/` (approved by the policy); otherwise pending. */
  decision: Exclude<Decision, { kind: "refuse" }>;
  origin: "employee" | "outside_client";
  task?: { id: string; link: string } | undefined;
  planLink?: string | undefined;
  /**
   * The same key files the same request only once: a task re-planned after a crash finds the request
   * it filed before instead of filing (and perhaps executing) a second one.
   */
  idempotencyKey?: string | undefined;
}

export type StoredRequest = { path: string; folder: string; request: ApprovalRequest; note: StoredNote };

export type ApprovalCheck =
  | { ok: true; stored: StoredRequest }
  | {
      ok: false;
      status: "unknown" | "pending" | "rejected" | "expired" | "edited" | "mismatched" | "executed";
      reason: string;
      stored?: StoredRequest;
    };

export interface ApprovalDesk {
  file(input: FileRequestInput): Promise<StoredRequest>;
  find(id: string): Promise<StoredRequest | undefined>;
  /** Records a person's decision: moves the request to `Approved/` or `Rejected/`. */
  decide(id: string, verdict: "approved" | "rejected", by: string, reason?: string): Promise<StoredRequest>;
  /** Whether `id` may run now, optionally for exactly this server, tool and parameters. */
  check(
    id: string,
    call?: { server: string; tool: string; parameters: Record<string, unknown> },
  ): Promise<ApprovalCheck>;
  /** Moves a request into `folder` with its status updated (executed → Done/, failures → Rejected/). */
  close(stored: StoredRequest, folder: string, update: Partial<ApprovalRequest>): Promise<StoredRequest>;
}

export interface ApprovalDeskDeps {
  store: NoteStore;
  registry: ApprovalRegistry;
  ledger: ExecutionLedger;
  handbook(): Promise<Handbook>;
  now(): Date;
}

const SEARCH_FOLDERS = [FOLDERS.pendingApproval, FOLDERS.approved, FOLDERS.rejected, FOLDERS.done] as const;

function expiryHours(handbook: Handbook, facts: ActionFacts): number {
  if (facts.category === "payment") return handbook.expiryHours.payment;
  if (facts.category === "social_post" || facts.category === "social_reply")
    return handbook.expiryHours.social;
  return handbook.expiryHours.default;
}

export function createApprovalDesk(deps: ApprovalDeskDeps): ApprovalDesk {
  const { store, registry, ledger } = deps;

  async function find(id: string): Promise<StoredRequest | undefined> {
    const issued = await registry.get(id);
    const names = issued ? [issued.file] : [];
    for (const folder of SEARCH_FOLDERS) {
      for (const name of names) {
        const relative = path.posix.join(folder, name);
        if (await store.exists(relative)) return load(relative, folder);
      }
    }
    // A forged or renamed file: look for the id in the names, then give up.
    for (const folder of SEARCH_FOLDERS) {
      const match = (await store.list(folder)).find((relative) => relative.endsWith(`_${id}.md`));
      if (match) return load(match, folder);
    }
    return undefined;
  }

  async function load(relative: string, folder: string): Promise<StoredRequest> {
    const note = await store.read(relative);
    return { path: relative, folder, request: approvalFromNote(note), note };
  }

  async function close(
    stored: StoredRequest,
    folder: string,
    update: Partial<ApprovalRequest>,
  ): Promise<StoredRequest> {
    const data = { ...stored.note.data, ...update };
    await store.write(stored.path, { data, body: stored.note.body });
    const moved = stored.folder === folder ? stored.path : await store.move(stored.path, folder);
    return load(moved, folder);
  }

  return {
    find,
    close,
    async file(input) {
      // The registry records the key with the id before the note is written: a crash part-way through
      // files the same request again under the same id, never a second request.
      const now = deps.now();
      const filed =
        input.idempotencyKey === undefined ? undefined : await registry.byKey(input.idempotencyKey, now);
      const existing = filed === undefined ? undefined : await find(filed.id);
      if (existing) return existing;
      const handbook = await deps.handbook();
      const id = filed?.id ?? createNoteId(now);
      const expires = new Date(now.getTime() + expiryHours(handbook, input.facts) * 3_600_000).toISOString();
      const auto = input.decision.kind === "allow";
      const request: ApprovalRequest = {
        type: "approval_request",
        id,
        task: input.task?.id ?? null,
        action: input.tool,
        server: input.server,
        tool: input.tool,
        parameters: input.parameters,
        payload_sha256: payloadSha256(input.server, input.tool, input.parameters),
        amount: input.facts.amount?.value ?? null,
        currency: input.facts.amount?.currency ?? null,
        recipient: input.facts.recipients.join(", ") || null,
        reason: input.decision.kind === "allow" ? input.decision.rule : input.decision.reasons.join("; "),
        risk: input.decision.kind === "allow" ? [] : input.decision.risks,
        origin: input.origin,
        created: now.toISOString(),
        expires,
        status: auto ? "approved" : "pending",
        ...(auto ? { approved_by: "policy", decided_at: now.toISOString() } : {}),
      };
      const name = approvalFileName(request, input.facts.summary);
      const folder = auto ? FOLDERS.approved : FOLDERS.pendingApproval;
      await registry.issue({
        id,
        server: input.server,
        tool: input.tool,
        payload_sha256: request.payload_sha256,
        created: request.created,
        expires,
        origin: input.origin,
        task: request.task,
        file: name,
        ...(input.idempotencyKey === undefined ? {} : { key: input.idempotencyKey }),
      });
      const body = renderApprovalBody(request, {
        summary: input.facts.summary,
        taskLink: input.task?.link,
        planLink: input.planLink,
      });
      const relative = path.posix.join(folder, name);
      await store.write(relative, { data: { ...request }, body }, { exclusive: true });
      const data = { ...request };
      return { path: relative, folder, request, note: { path: relative, data, body } };
    },
    async decide(id, verdict, by, reason) {
      const stored = await find(id);
      if (!stored)
        throw new Error(`no approval request ${id} (see Pending_Approval/ or run "ai-employee status")`);
      if (
        stored.folder !== FOLDERS.pendingApproval &&
        stored.folder !== FOLDERS.approved &&
        stored.folder !== FOLDERS.rejected
      ) {
        throw new Error(`approval request ${id} is already closed (${stored.request.status})`);
      }
      const now = deps.now().toISOString();
      const update: Partial<ApprovalRequest> =
        verdict === "approved"
          ? { status: "approved", approved_by: by, decided_at: now }
          : { status: "rejected", approved_by: null, decided_at: now, rejection_reason: reason ?? null };
      return close(stored, verdict === "approved" ? FOLDERS.approved : FOLDERS.rejected, update);
    },
    async check(id, call) {
      const issued = await registry.get(id);
      const stored = await find(id).catch(() => undefined);
      if (!issued) {
        return {
          ok: false,
          status: "unknown",
          reason: `approval ${id} was never issued by this vault`,
          ...(stored ? { stored } : {}),
        };
      }
      if (!stored)
        return { ok: false, status: "unknown", reason: `approval ${id} has no request file any more` };
      const record = await ledger.get(id);
      if (record && !(record.state === "failed" && record.retryable)) {
        return {
          ok: false,
          status: "executed",
          reason: `approval ${id} was already used (${record.state})`,
          stored,
        };
      }
      if (stored.folder === FOLDERS.pendingApproval) {
        return {
          ok: false,
          status: "pending",
          reason: `approval ${id} is still waiting for a person`,
          stored,
        };
      }
      if (stored.folder === FOLDERS.rejected) {
        return { ok: false, status: "rejected", reason: `approval ${id} was rejected`, stored };
      }
      if (stored.folder === FOLDERS.done) {
        return { ok: false, status: "executed", reason: `approval ${id} was already executed`, stored };
      }
      const { request } = stored;
      if (
        request.id !== id ||
        payloadSha256(request.server, request.tool, request.parameters) !== issued.payload_sha256
      ) {
        return {
          ok: false,
          status: "edited",
          reason: `approval ${id} was edited after it was issued`,
          stored,
        };
      }
      if (call && payloadSha256(call.server, call.tool, call.parameters) !== issued.payload_sha256) {
        return {
          ok: false,
          status: "mismatched",
          reason: `approval ${id} was given for a different call`,
          stored,
        };
      }
      const expires = Math.min(
        Date.parse(issued.expires),
        Date.parse(request.expires) || Number.POSITIVE_INFINITY,
      );
      if (deps.now().getTime() > expires) {
        return {
          ok: false,
          status: "expired",
          reason: `approval ${id} expired at ${new Date(expires).toISOString()}`,
          stored,
        };
      }
      return { ok: true, stored };
    },
  };
}
