import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuditLog } from "../governance/audit-log.js";
import { claimTask, inProgressFolder } from "../vault/claims.js";
import { createNoteStore, type NoteStore } from "../vault/note-store.js";
import type { Executor } from "./executor.js";
import { ASSIST_FROM, createOrchestrator, SHARE_WHILE_FILING } from "./orchestrator.js";
import type { AssistantResult, QueueAssistant } from "./queue-assistant.js";
import type { TaskProcessor } from "./task-processor.js";

let vault: string;
let store: NoteStore;
beforeEach(async () => {
  vault = await mkdtemp(path.join(os.tmpdir(), "orchestrator-"));
  store = createNoteStore(vault);
  await mkdir(path.join(vault, "Needs_Action"), { recursive: true });
});
afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

const executor = {
  runApproved: async () => ({ executed: 0, nextAttempt: undefined }),
  settleRejected: async () => undefined,
} as unknown as Executor;
const audit = { append: async () => ({}) } as unknown as AuditLog;

/** Marks a claimed task as waiting, as the real processor does, and counts the tasks it saw. */
function processorSeeing(seen: string[]): TaskProcessor {
  return {
    async process(relative) {
      seen.push(path.posix.basename(relative));
      const note = await store.read(relative);
      await store.write(relative, { data: { ...note.data, status: "awaiting_approval" }, body: note.body });
      return "waiting";
    },
  };
}

function orchestratorWith(assistant: QueueAssistant, seen: string[] = []) {
  return createOrchestrator({
    store,
    agent: "local",
    processor: processorSeeing(seen),
    executor,
    audit,
    onTaskError: async () => undefined,
    assistant,
  });
}

async function fillQueue(count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const name = `FILE_task_20261126-100000-${String(index).padStart(8, "0")}.md`;
    await writeFile(
      path.join(vault, "Needs_Action", name),
      `---\nid: t${index}\nstatus: needs_action\n---\n\nbody\n`,
    );
  }
}

describe("the orchestrator with a second thread", () => {
  it("leaves a short queue to this thread alone", async () => {
    await fillQueue(3);
    const calls: string[] = [];
    const assistant: QueueAssistant = {
      drain: async () => {
        calls.push("drain");
        return { processed: { waiting: 0, done: 0, quarantined: 0 } };
      },
      close: async () => undefined,
    };
    const seen: string[] = [];
    const orchestrator = orchestratorWith(assistant, seen);
    const result = await orchestrator.pass();
    expect(calls).toEqual([]);
    expect(result).toMatchObject({ processed: { waiting: 3 }, assisted: 0 });
  });

  it("counts what the second thread did, and takes back the claims of a thread that died", async () => {
    await fillQueue(ASSIST_FROM);
    // The "thread" claims the last task, then dies before bringing it to rest.
    const assistant: QueueAssistant = {
      async drain(): Promise<AssistantResult> {
        const last = (await store.list("Needs_Action")).at(-1)!;
        await claimTask(store, last, "local");
        return {
          processed: { waiting: 0, done: 0, quarantined: 0 },
          failed: "the planning thread exited (1)",
        };
      },
      close: async () => undefined,
    };
    const seen: string[] = [];
    const orchestrator = orchestratorWith(assistant, seen);
    const result = await orchestrator.pass();
    expect(result.processed.waiting).toBe(ASSIST_FROM);
    expect(new Set(seen).size).toBe(ASSIST_FROM);
    expect(await store.list("Needs_Action")).toEqual([]);
    const waiting = await store.list(inProgressFolder("local"));
    expect(waiting).toHaveLength(ASSIST_FROM);
    for (const relative of waiting)
      expect((await store.read(relative)).data.status).toBe("awaiting_approval");
  });

  it("adds the second thread's tasks to the pass", async () => {
    await fillQueue(ASSIST_FROM);
    const assistant: QueueAssistant = {
      drain: async () => ({ processed: { waiting: 5, done: 2, quarantined: 1 } }),
      close: async () => undefined,
    };
    const orchestrator = orchestratorWith(assistant);
    const result = await orchestrator.pass();
    expect(result.assisted).toBe(8);
    expect(result.processed).toEqual({ waiting: ASSIST_FROM + 5, done: 2, quarantined: 1 });
  });
});

/** A filing pass that ends when `finish` is called. */
function filingPass(): { filing: Promise<void>; finish(): void } {
  let finish = () => undefined as void;
  const filing = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { filing, finish };
}

describe("the second thread while the watchers file", () => {
  it("is not started for a backlog too short for it", async () => {
    await fillQueue(ASSIST_FROM - 1);
    const calls: (number | undefined)[] = [];
    const assistant: QueueAssistant = {
      drain: async (limit) => {
        calls.push(limit);
        return { processed: { waiting: 0, done: 0, quarantined: 0 } };
      },
      close: async () => undefined,
    };
    const { filing, finish } = filingPass();
    setTimeout(finish, 250);
    const early = await orchestratorWith(assistant).assistWhile(filing);
    expect(calls).toEqual([]);
    expect(early).toEqual({ waiting: 0, done: 0, quarantined: 0 });
    expect(await store.list("Needs_Action")).toHaveLength(ASSIST_FROM - 1);
  });

  it("plans a few tasks at a time from the queue's end, and stops once the filing is done", async () => {
    await fillQueue(ASSIST_FROM + 2 * SHARE_WHILE_FILING);
    const { filing, finish } = filingPass();
    const limits: (number | undefined)[] = [];
    // The "thread" takes its share from the end of the queue, like the real one; the watchers finish
    // while it works on its second share.
    const assistant: QueueAssistant = {
      async drain(limit) {
        limits.push(limit);
        const share = (await store.list("Needs_Action")).reverse().slice(0, limit);
        for (const relative of share) await claimTask(store, relative, "local");
        if (limits.length === 2) finish();
        return { processed: { waiting: share.length, done: 0, quarantined: 0 } };
      },
      close: async () => undefined,
    };
    // This thread looks at the queue once, to start the other; then the other looks for itself.
    let looks = 0;
    const orchestrator = createOrchestrator({
      store: { ...store, list: (folder) => ((looks += 1), store.list(folder)) },
      agent: "local",
      processor: processorSeeing([]),
      executor,
      audit,
      onTaskError: async () => undefined,
      assistant,
    });
    const early = await orchestrator.assistWhile(filing);
    expect(looks).toBe(1);
    expect(limits).toEqual([SHARE_WHILE_FILING, SHARE_WHILE_FILING]);
    expect(early).toEqual({ waiting: 2 * SHARE_WHILE_FILING, done: 0, quarantined: 0 });
    expect(await store.list("Needs_Action")).toHaveLength(ASSIST_FROM);
    expect(await store.list(inProgressFolder("local"))).toHaveLength(2 * SHARE_WHILE_FILING);
  });

  it("takes back the claims of a thread that died while the watchers filed", async () => {
    await fillQueue(ASSIST_FROM);
    const assistant: QueueAssistant = {
      async drain(): Promise<AssistantResult> {
        await claimTask(store, (await store.list("Needs_Action")).at(-1)!, "local");
        return {
          processed: { waiting: 0, done: 0, quarantined: 0 },
          failed: "the planning thread exited (1)",
        };
      },
      close: async () => undefined,
    };
    const { filing, finish } = filingPass();
    const early = await orchestratorWith(assistant).assistWhile(filing);
    finish();
    expect(early).toEqual({ waiting: 0, done: 0, quarantined: 0 });
    expect(await store.list(inProgressFolder("local"))).toEqual([]);
    expect(await store.list("Needs_Action")).toHaveLength(ASSIST_FROM);
  });
});
