import { mkdtemp, rm, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuditLog } from "../governance/audit-log.js";
import { claimTask, inProgressFolder } from "../vault/claims.js";
import { createNoteStore, type NoteStore } from "../vault/note-store.js";
import type { Executor } from "./executor.js";
import { ASSIST_FROM, createOrchestrator } from "./orchestrator.js";
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
const NOTHING = { waiting: 0, done: 0, quarantined: 0 };
/** A second thread that is never asked for anything. */
const unused: QueueAssistant = {
  drain: () => Promise.reject(new Error("not expected")),
  follow: () => Promise.reject(new Error("not expected")),
  close: async () => undefined,
};

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

/** The orchestrator under test; `through` is the store it is given (the real one, or one that watches it). */
function orchestratorWith(assistant: QueueAssistant, seen: string[] = [], through: NoteStore = store) {
  return createOrchestrator({
    store: through,
    agent: "local",
    processor: processorSeeing(seen),
    executor,
    audit,
    onTaskError: async () => undefined,
    assistant,
  });
}

const taskName = (index: number) => `FILE_task_20261126-100000-${String(index).padStart(8, "0")}.md`;

/** Files tasks into the queue as a watcher does: each note whole at once, never seen half-written. */
async function fillQueue(count: number, from = 0): Promise<void> {
  for (let index = from; index < from + count; index += 1) {
    await store.write(`Needs_Action/${taskName(index)}`, {
      data: { id: `t${index}`, status: "needs_action" },
      body: "body\n",
    });
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
      follow: unused.follow,
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
      follow: unused.follow,
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
      follow: unused.follow,
      close: async () => undefined,
    };
    const orchestrator = orchestratorWith(assistant);
    const result = await orchestrator.pass();
    expect(result.assisted).toBe(8);
    expect(result.processed).toEqual({ waiting: ASSIST_FROM + 5, done: 2, quarantined: 1 });
  });

  it("stops at the first task the other thread took: from there on, the rest of the queue is its", async () => {
    await fillQueue(ASSIST_FROM);
    // The "thread" has taken the last five tasks by the time this one gets there.
    const assistant: QueueAssistant = {
      async drain() {
        for (let index = ASSIST_FROM - 5; index < ASSIST_FROM; index += 1) {
          await claimTask(store, `Needs_Action/${taskName(index)}`, "local");
        }
        return { processed: { waiting: 5, done: 0, quarantined: 0 } };
      },
      follow: unused.follow,
      close: async () => undefined,
    };
    let missed = 0;
    const seen: string[] = [];
    const result = await orchestratorWith(assistant, seen, {
      ...store,
      move: (relative, folder) =>
        store.move(relative, folder).catch((error: unknown) => {
          missed += 1;
          throw error;
        }),
    }).pass();
    expect(result.processed.waiting).toBe(ASSIST_FROM);
    expect(seen).toHaveLength(ASSIST_FROM - 5);
    expect(missed).toBe(1);
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

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("the second thread while the watchers file", () => {
  it("is not started for a backlog too short for it", async () => {
    await fillQueue(ASSIST_FROM - 1);
    const { filing, finish } = filingPass();
    setTimeout(finish, 250);
    // The thread is never asked for anything (it would fail the test): this thread plans alone.
    const orchestrator = orchestratorWith(unused);
    await orchestrator.assistWhile(filing);
    expect(await store.list("Needs_Action")).toHaveLength(ASSIST_FROM - 1);
    expect(await orchestrator.pass()).toMatchObject({ processed: { waiting: ASSIST_FROM - 1 }, assisted: 0 });
  });

  it("follows the filing once the backlog is long enough; the pass after it counts what it did", async () => {
    await fillQueue(ASSIST_FROM);
    const { filing, finish } = filingPass();
    let filed: AbortSignal | undefined;
    let drains = 0;
    let claimed = 0;
    // The "thread" is still at work when the watchers finish: it plans the queue from its end, while the
    // pass works it from the front.
    const assistant: QueueAssistant = {
      async drain() {
        drains += 1;
        return { processed: NOTHING };
      },
      async follow(given) {
        filed = given;
        finish();
        await new Promise((resolve) => given.addEventListener("abort", resolve));
        for (const relative of (await store.list("Needs_Action")).reverse()) {
          if (await claimTask(store, relative, "local")) claimed += 1;
        }
        return { processed: { waiting: claimed, done: 0, quarantined: 0 } };
      },
      close: async () => undefined,
    };
    // This thread looks at the queue until the other is at work, then no more while the watchers file.
    let looks = 0;
    const seen: string[] = [];
    const orchestrator = orchestratorWith(assistant, seen, {
      ...store,
      list: (folder) => ((looks += 1), store.list(folder)),
    });
    await orchestrator.assistWhile(filing);
    expect(looks).toBe(1);
    expect(filed?.aborted).toBe(true);
    const result = await orchestrator.pass();
    expect(result).toMatchObject({ processed: { waiting: ASSIST_FROM }, assisted: claimed });
    expect(claimed).toBeGreaterThan(0);
    expect(seen).toHaveLength(ASSIST_FROM - claimed);
    expect(drains).toBe(0);
    expect(await store.list("Needs_Action")).toEqual([]);
  });

  it("takes back the claims of a thread that died while the watchers filed, in the pass after", async () => {
    await fillQueue(ASSIST_FROM);
    const assistant: QueueAssistant = {
      drain: async () => ({ processed: NOTHING }),
      async follow(): Promise<AssistantResult> {
        await claimTask(store, (await store.list("Needs_Action")).at(-1)!, "local");
        return { processed: NOTHING, failed: "the planning thread exited (1)" };
      },
      close: async () => undefined,
    };
    const { filing, finish } = filingPass();
    const seen: string[] = [];
    const orchestrator = orchestratorWith(assistant, seen);
    const assisting = orchestrator.assistWhile(filing);
    finish();
    await assisting;
    const result = await orchestrator.pass();
    expect(result.processed.waiting).toBe(ASSIST_FROM);
    expect(new Set(seen).size).toBe(ASSIST_FROM);
    const waiting = await store.list(inProgressFolder("local"));
    expect(waiting).toHaveLength(ASSIST_FROM);
    for (const relative of waiting)
      expect((await store.read(relative)).data.status).toBe("awaiting_approval");
  });
});

describe("the second thread's share", () => {
  it("plans the queue from its end as it fills, then what is left once the filing is done", async () => {
    await fillQueue(3);
    const seen: string[] = [];
    const filed = new AbortController();
    const following = orchestratorWith(unused, seen).follow(filed.signal);
    await until(async () => (await store.list("Needs_Action")).length === 0);
    await fillQueue(2, 3);
    await until(async () => seen.length === 5);
    await fillQueue(2, 5);
    filed.abort();
    expect(await following).toEqual({ waiting: 7, done: 0, quarantined: 0 });
    // What was waiting is taken from the end; what arrives later, as each look finds it.
    expect(seen.slice(0, 3)).toEqual([2, 1, 0].map(taskName));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map(taskName));
    expect(await store.list("Needs_Action")).toEqual([]);
  });

  it("ends once the filing is done and the queue is empty", async () => {
    const filed = new AbortController();
    const following = orchestratorWith(unused).follow(filed.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    filed.abort();
    expect(await following).toEqual(NOTHING);
  });
});
