import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApprovalDesk } from "../governance/approval-desk.js";
import type { AuditLog } from "../governance/audit-log.js";
import { createNoteStore } from "../vault/note-store.js";
import { createStateStore } from "../vault/state-store.js";
import { createTaskCompletion } from "./task-completion.js";

let vault: string;
beforeEach(async () => {
  vault = await mkdtemp(path.join(os.tmpdir(), "completion-"));
  await mkdir(path.join(vault, "In_Progress", "local"), { recursive: true });
});
afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

/** Every request the task filed was executed. */
const desk = {
  find: async () => ({
    folder: "Done",
    request: { tool: "send_email", status: "executed", outcome: "sent" },
  }),
} as unknown as ApprovalDesk;
const audit = { append: async () => ({}) } as unknown as AuditLog;

function completion() {
  const state = createStateStore(path.join(vault, ".ai-employee", "state"));
  return {
    state,
    completion: createTaskCompletion({
      store: createNoteStore(vault),
      desk,
      audit,
      agent: "local",
      state,
      now: () => new Date("2026-11-26T12:00:00Z"),
    }),
  };
}

async function waitingTask(frontMatter: string): Promise<void> {
  await writeFile(
    path.join(vault, "In_Progress", "local", "FILE_invoice_20261126-100000-0000000a.md"),
    `---\nid: 20261126-100000-0000000a\nstatus: awaiting_approval\napprovals:\n  - 20261126-100001-0000000b\niteration: 1\n${frontMatter}---\n\n# Invoice\n`,
  );
}

describe("closing a task whose requests are all closed", () => {
  it("reads the Ralph loop's state from the task note", async () => {
    await waitingTask("loop:\n  complete: true\n  history:\n    - 'iteration 1: invoice Ana'\n");
    const closed = await completion().completion.closedOutcomes("20261126-100000-0000000a");
    expect(closed?.outcomes).toEqual(["send_email executed: sent"]);
    expect(closed?.loop).toMatchObject({
      iteration: 1,
      complete: true,
      history: ["iteration 1: invoice Ana"],
    });
  });

  it("reads it from the file an earlier version kept it in, for a task that was waiting at the upgrade", async () => {
    await waitingTask("");
    const { state, completion: closing } = completion();
    await state.write("loop-20261126-100000-0000000a", {
      task: "20261126-100000-0000000a",
      iteration: 1,
      max_iterations: 5,
      completion_promise: "<promise>TASK_COMPLETE</promise>",
      started_at: "2026-11-26T10:00:00.000Z",
      complete: true,
      consecutive_errors: 0,
      history: ["iteration 1: invoice Ana"],
    });
    const closed = await closing.closedOutcomes("20261126-100000-0000000a");
    expect(closed?.loop).toEqual({
      iteration: 1,
      max_iterations: 5,
      started_at: "2026-11-26T10:00:00.000Z",
      complete: true,
      consecutive_errors: 0,
      history: ["iteration 1: invoice Ana"],
    });
  });
});
