import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ActionFacts } from "./action-facts.js";
import { createApprovalDesk, type ApprovalDesk, type FileRequestInput } from "./approval-desk.js";
import { createApprovalRegistry } from "./approval-registry.js";
import { approvalFileName } from "./approval-request.js";
import { createExecutionLedger, type ExecutionLedger } from "./execution-ledger.js";
import { SAFE_DEFAULT } from "./handbook.js";
import { payloadSha256 } from "./payload-hash.js";
import { createNoteStore, type NoteStore } from "../vault/note-store.js";

const START = "2026-11-26T10:00:00.000Z";
const PARAMETERS = { to: ["ana@client-a.example"], subject: "Quote", body: "Hello" };
const FACTS: ActionFacts = {
  category: "email",
  recipients: ["ana@client-a.example"],
  summary: "Email to Ana: Quote",
};

let vault: string;
let store: NoteStore;
let ledger: ExecutionLedger;
let desk: ApprovalDesk;
let time: number;

beforeEach(async () => {
  vault = await mkdtemp(path.join(os.tmpdir(), "approval-desk-"));
  store = createNoteStore(vault);
  ledger = createExecutionLedger(vault);
  time = Date.parse(START);
  desk = createApprovalDesk({
    store,
    registry: createApprovalRegistry(vault),
    ledger,
    handbook: async () => SAFE_DEFAULT,
    now: () => new Date(time),
  });
});
afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

function request(overrides: Partial<FileRequestInput> = {}): FileRequestInput {
  return {
    server: "email",
    tool: "send_email",
    parameters: PARAMETERS,
    facts: FACTS,
    decision: { kind: "needs_approval", reasons: ["ana is new"], risks: ["new_contact"] },
    origin: "employee",
    task: { id: "20261126-095000-aaaaaa", link: "EMAIL_quote_20261126-095000-aaaaaa" },
    planLink: "PLAN_EMAIL_quote_20261126-095000-aaaaaa",
    ...overrides,
  };
}

describe("filing a request", () => {
  it("writes a pending request linked to its task and plan", async () => {
    const stored = await desk.file(request());
    expect(stored.folder).toBe("Pending_Approval");
    expect(stored.path).toBe(`Pending_Approval/SEND_EMAIL_email-to-ana-quote_${stored.request.id}.md`);
    expect(stored.request).toMatchObject({
      status: "pending",
      task: "20261126-095000-aaaaaa",
      reason: "ana is new",
      risk: ["new_contact"],
      payload_sha256: payloadSha256("email", "send_email", PARAMETERS),
      expires: "2026-11-27T10:00:00.000Z",
    });
    expect(stored.note.body).toContain("[[EMAIL_quote_20261126-095000-aaaaaa]]");
    expect(stored.note.body).toContain("[[PLAN_EMAIL_quote_20261126-095000-aaaaaa]]");
    expect((await desk.check(stored.request.id)).ok).toBe(false);
  });

  it("files an action the policy allowed straight into Approved/, approved by the policy", async () => {
    const stored = await desk.file(
      request({ decision: { kind: "allow", rule: "Company_Handbook.md: email auto-approve rule" } }),
    );
    expect(stored.folder).toBe("Approved");
    expect(stored.request).toMatchObject({ status: "approved", approved_by: "policy", risk: [] });
    expect(
      await desk.check(stored.request.id, { server: "email", tool: "send_email", parameters: PARAMETERS }),
    ).toMatchObject({ ok: true });
  });

  it("files the same idempotency key only once", async () => {
    const first = await desk.file(request({ idempotencyKey: "task-1/step-1" }));
    time += 60_000;
    const second = await desk.file(request({ idempotencyKey: "task-1/step-1" }));
    expect(second.request.id).toBe(first.request.id);
    expect(await store.list("Pending_Approval")).toHaveLength(1);
    const other = await desk.file(request({ idempotencyKey: "task-1/step-2" }));
    expect(other.request.id).not.toBe(first.request.id);
  });
});

describe("deciding", () => {
  it("approves by moving the file, wherever the decision comes from", async () => {
    const viaDesk = await desk.file(request());
    const approved = await desk.decide(viaDesk.request.id, "approved", "owner");
    expect(approved).toMatchObject({
      folder: "Approved",
      request: { status: "approved", approved_by: "owner", decided_at: START },
    });

    // A person drags the file to Approved/ in Obsidian: the front matter still says pending.
    const viaObsidian = await desk.file(request({ parameters: { ...PARAMETERS, subject: "Other" } }));
    await rename(
      store.absolute(viaObsidian.path),
      path.join(vault, "Approved", path.basename(viaObsidian.path)),
    );
    expect(await desk.check(viaObsidian.request.id)).toMatchObject({
      ok: true,
      stored: { folder: "Approved" },
    });
  });

  it("rejects with a reason", async () => {
    const stored = await desk.file(request());
    const rejected = await desk.decide(stored.request.id, "rejected", "owner", "too expensive");
    expect(rejected).toMatchObject({
      folder: "Rejected",
      request: { status: "rejected", approved_by: null, rejection_reason: "too expensive" },
    });
    expect(await desk.check(stored.request.id)).toMatchObject({ ok: false, status: "rejected" });
  });

  it("refuses to decide an unknown or closed request, saying where to look", async () => {
    await expect(desk.decide("20261126-100000-ffffff", "approved", "owner")).rejects.toThrow(
      /no approval request 20261126-100000-ffffff \(see Pending_Approval\//,
    );
    const stored = await desk.file(request());
    await desk.close(stored, "Done", { status: "executed" });
    await expect(desk.decide(stored.request.id, "approved", "owner")).rejects.toThrow(
      /already closed \(executed\)/,
    );
  });
});

describe("checking", () => {
  it("reports a request whose file a person deleted", async () => {
    const stored = await desk.file(request());
    await rm(store.absolute(stored.path));
    expect(await desk.check(stored.request.id)).toMatchObject({
      ok: false,
      status: "unknown",
      reason: expect.stringMatching(/no request file any more/),
    });
  });

  it("treats a request file a person broke as edited, never as valid", async () => {
    const stored = await desk.file(request());
    await desk.decide(stored.request.id, "approved", "owner");
    const relative = `Approved/${path.basename(stored.path)}`;
    await writeFile(store.absolute(relative), "---\ntype: approval_request\nid: [broken\n---\n");
    expect((await desk.check(stored.request.id)).ok).toBe(false);
  });

  it("refuses an id that tries to leave the registry's folder", async () => {
    expect(await desk.check("../../etc/passwd")).toMatchObject({ ok: false, status: "unknown" });
  });

  it("lets a failure that provably did not go out be tried again, but nothing else", async () => {
    const stored = await desk.file(request({ decision: { kind: "allow", rule: "rule" } }));
    const id = stored.request.id;
    await ledger.begin(id, new Date(time));
    await ledger.complete({ state: "failed", key: id, at: START, error: "503", retryable: true });
    expect((await desk.check(id)).ok).toBe(true);
    await ledger.complete({ state: "failed", key: id, at: START, error: "401", retryable: false });
    expect(await desk.check(id)).toMatchObject({ ok: false, status: "executed" });
  });
});

describe("approvalFileName", () => {
  it("is the action, a short slug of the summary and the id", () => {
    expect(
      approvalFileName(
        { action: "post_x", id: "20261126-100000-abcdef" },
        "Post on X: Launch day! 🚀 ../../etc",
      ),
    ).toBe("POST_X_post-on-x-launch-day-etc_20261126-100000-abcdef.md");
    expect(approvalFileName({ action: "send_email", id: "id1" }, "請求書")).toBe("SEND_EMAIL_request_id1.md");
  });
});
