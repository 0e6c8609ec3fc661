import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimTask, inProgressFolder, releaseStaleClaims } from "./claims.js";
import { createNoteStore, type NoteStore } from "./note-store.js";

let root: string;
let store: NoteStore;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "claims-"));
  store = createNoteStore(root);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function task(name: string, status = "needs_action", folder = "Needs_Action"): Promise<string> {
  const relative = `${folder}/${name}`;
  await store.write(relative, { data: { id: name, type: "email", status }, body: "body\n" });
  return relative;
}

describe("claimTask", () => {
  it("moves the task into In_Progress/<agent>/ in one rename", async () => {
    const relative = await task("EMAIL_a.md");
    expect(await claimTask(store, relative, "local")).toBe("In_Progress/local/EMAIL_a.md");
    expect(await store.exists(relative)).toBe(false);
    expect((await store.read("In_Progress/local/EMAIL_a.md")).data.id).toBe("EMAIL_a.md");
  });

  it("lets exactly one of two racing workers win, every time", async () => {
    for (let round = 0; round < 20; round += 1) {
      const relative = await task(`EMAIL_${round}.md`);
      const results = await Promise.all([claimTask(store, relative, "alpha"), claimTask(store, relative, "beta")]);
      const winners = results.filter((result) => result !== undefined);
      expect(winners).toHaveLength(1);
      const loser = winners[0]!.startsWith(inProgressFolder("alpha")) ? "beta" : "alpha";
      expect(await store.list(inProgressFolder(loser))).not.toContain(`${inProgressFolder(loser)}/EMAIL_${round}.md`);
    }
    const claimed = [...(await store.list("In_Progress/alpha")), ...(await store.list("In_Progress/beta"))];
    expect(claimed).toHaveLength(20);
    expect(await store.list("Needs_Action")).toEqual([]);
  });

  it("answers undefined when a person already moved or deleted the task", async () => {
    expect(await claimTask(store, "Needs_Action/gone.md", "local")).toBeUndefined();
  });
});

describe("releaseStaleClaims", () => {
  it("returns stale claims to Needs_Action/ but keeps tasks waiting for a person", async () => {
    await task("EMAIL_stale.md", "in_progress", "In_Progress/local");
    await task("EMAIL_waiting.md", "awaiting_approval", "In_Progress/local");
    await writeFile(path.join(root, "In_Progress/local/EMAIL_broken.md"), "not a note");
    await task("EMAIL_other_agent.md", "in_progress", "In_Progress/cloud");

    const released = await releaseStaleClaims(store, "local");

    expect(released.sort()).toEqual(["Needs_Action/EMAIL_broken.md", "Needs_Action/EMAIL_stale.md"]);
    expect(await store.list("In_Progress/local")).toEqual(["In_Progress/local/EMAIL_waiting.md"]);
    expect(await store.list("In_Progress/cloud")).toEqual(["In_Progress/cloud/EMAIL_other_agent.md"]);
  });

  it("does nothing for an agent with no claims", async () => {
    expect(await releaseStaleClaims(store, "nobody")).toEqual([]);
  });
});
