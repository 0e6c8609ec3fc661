import { mkdir, mkdtemp, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderNote } from "../vault/note.js";
import { weekContaining } from "./briefing-week.js";
import { readDoneNotes } from "./done-notes.js";
import { createTimeZone } from "./time-zone.js";
import { readWeekLog, weekLogFiles } from "./week-log.js";

const WEEK = weekContaining("2026-03-04", createTimeZone("Europe/Berlin"));

async function vaultWith(files: Record<string, string>): Promise<string> {
  const vault = await mkdtemp(path.join(tmpdir(), "briefing-done-"));
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(vault, relative)), { recursive: true });
    await writeFile(path.join(vault, relative), text);
  }
  return vault;
}

const taskNote = (data: Record<string, unknown>, body = "# Task\n") =>
  renderNote({ data: { type: "email", subject: "Hello", received: "2026-03-03T08:00:00Z", ...data }, body });

describe("the week's Done/ notes", () => {
  it("opens only notes filed in the window, and only their front matter", async () => {
    const vault = await vaultWith({
      "Done/EMAIL_a_20260303-080000-aaaaaa.md": taskNote(
        {
          id: "20260303-080000-aaaaaa",
          completed: "2026-03-04T10:00:00Z",
          approvals: ["20260303-081000-bbbbbb"],
        },
        `# Task\n\n${"x".repeat(100_000)}\n`,
      ),
      "Done/SEND_EMAIL_a_20260303-081000-bbbbbb.md": renderNote({
        data: {
          type: "approval_request",
          id: "20260303-081000-bbbbbb",
          tool: "send_email",
          status: "executed",
          created: "2026-03-03T08:10:00Z",
          decided_at: "2026-03-03T12:00:00Z",
          executed_at: "2026-03-03T12:01:00Z",
        },
        body: "# Approval needed: x\n",
      }),
      "Done/PLAN_EMAIL_a_20260303-080000-aaaaaa.md": renderNote({
        data: { task: "20260303-080000-aaaaaa", created: "2026-03-03T08:05:00Z" },
        body: "",
      }),
      // Filed more than 8 weeks before the week: not opened, by design (the decision note says why).
      "Done/EMAIL_old_20251201-080000-cccccc.md": taskNote({
        id: "20251201-080000-cccccc",
        completed: "2026-03-04T10:00:00Z",
      }),
      // Filed after the week ended: cannot have been completed in it.
      "Done/EMAIL_later_20260310-080000-dddddd.md": taskNote({
        id: "20260310-080000-dddddd",
        completed: "2026-03-04T10:00:00Z",
      }),
      "Done/EMAIL_broken_20260303-090000-eeeeee.md": "no front matter here\n",
      "Done/notes-by-hand.md": "---\ntitle: mine\n---\n",
      "Rejected/POST_X_b_20260304-080000-ffffff.md": renderNote({
        data: {
          type: "approval_request",
          id: "20260304-080000-ffffff",
          tool: "post_x",
          status: "rejected",
          created: "2026-03-04T08:00:00Z",
          decided_at: "2026-03-04T09:00:00Z",
        },
        body: "",
      }),
    });
    const log = await readWeekLog(vault, WEEK);
    const done = await readDoneNotes(vault, WEEK, log);
    expect(done.listed).toBe(8);
    expect(done.opened).toBe(4); // the task, its approval, the broken note, the rejected request
    expect(done.tasks.map((task) => task.id)).toEqual(["20260303-080000-aaaaaa"]);
    expect(done.unreadable).toEqual(["Done/EMAIL_broken_20260303-090000-eeeeee.md"]);
    const task = done.tasks[0]!;
    expect(await done.planCreated(task)).toBe(Date.parse("2026-03-03T08:05:00Z"));
    expect(await done.approval("20260303-081000-bbbbbb")).toMatchObject({
      tool: "send_email",
      decidedAt: Date.parse("2026-03-03T12:00:00Z"),
      executedAt: Date.parse("2026-03-03T12:01:00Z"),
    });
    expect(await done.approval("20260304-080000-ffffff")).toMatchObject({ status: "rejected" });
  });

  it("dates a task without `completed` by the log's task_done, else by the file's time", async () => {
    const vault = await vaultWith({
      "Done/EMAIL_logged_20260303-080000-000001.md": taskNote({ id: "20260303-080000-000001" }),
      "Done/EMAIL_touched_20260303-080000-000002.md": taskNote({ id: "20260303-080000-000002" }),
      "Done/EMAIL_untouched_20260303-080000-000003.md": taskNote({ id: "20260303-080000-000003" }),
      // Berlin's week starts Sunday 23:00 UTC: this line is in the week, in the file of the day before.
      "Logs/2026-03-01.jsonl": `${JSON.stringify({ timestamp: "2026-03-01T23:30:00.000Z", action_type: "task_done", result: "success", task_id: "20260303-080000-000001" })}\n`,
      "Logs/2026-03-04.jsonl": `not json\n${JSON.stringify({ timestamp: "2026-03-04T10:00:00.000Z", action_type: "send_email", result: "failure", task_id: null })}\n`,
      // Outside the week's days: never read.
      "Logs/2026-03-09.jsonl": `${JSON.stringify({ timestamp: "2026-03-04T10:00:00.000Z", action_type: "send_email", result: "failure" })}\n`,
    });
    await utimes(
      path.join(vault, "Done/EMAIL_touched_20260303-080000-000002.md"),
      new Date("2026-03-05T10:00:00Z"),
      new Date("2026-03-05T10:00:00Z"),
    );
    await utimes(
      path.join(vault, "Done/EMAIL_untouched_20260303-080000-000003.md"),
      new Date("2026-03-12T10:00:00Z"),
      new Date("2026-03-12T10:00:00Z"),
    );
    expect(weekLogFiles(WEEK)).toEqual([
      "2026-03-01.jsonl",
      "2026-03-02.jsonl",
      "2026-03-03.jsonl",
      "2026-03-04.jsonl",
      "2026-03-05.jsonl",
      "2026-03-06.jsonl",
      "2026-03-07.jsonl",
      "2026-03-08.jsonl",
    ]);
    const log = await readWeekLog(vault, WEEK);
    expect(log.counts).toMatchObject({ lines: 2, tasksDone: 1, failed: 1, unreadable: 1 });
    const done = await readDoneNotes(vault, WEEK, log);
    expect(done.tasks.map((task) => [task.id, new Date(task.completed).toISOString()])).toEqual([
      ["20260303-080000-000001", "2026-03-01T23:30:00.000Z"],
      ["20260303-080000-000002", "2026-03-05T10:00:00.000Z"],
    ]);
  });
});
