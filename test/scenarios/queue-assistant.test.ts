/**
 * A long queue is planned on two threads (runtime/queue-assistant.ts): both work `Needs_Action/` from
 * its two ends, and the claim decides who takes a task. Every task is planned exactly once, every
 * request is filed once, and the audit chain the two threads wrote together verifies.
 */
import { readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AuditEntry, AuditEvent } from "../../src/governance/audit-entry.js";
import { ASSIST_FROM } from "../../src/runtime/orchestrator.js";
import type * as QueueAssistantModule from "../../src/runtime/queue-assistant.js";
import { cleanEnv, CLI, list, read, runCli, tempVault } from "../support/cli.js";
import { frontMatter } from "../support/front-matter.js";

/**
 * Long enough that the second thread, which starts once the queue reaches ASSIST_FROM and then loads its
 * modules, still finds work on a busy machine while this one works the queue from the front.
 */
const DROPS = 3 * ASSIST_FROM;

/** A task note in the queue, as a watcher files it: whole at once (a temp file renamed into place). */
async function writeTask(vault: string, index: number): Promise<void> {
  const id = `20261126-100000-0000000${index}`;
  const temp = path.join(vault, "Needs_Action", `.task-${index}.tmp`);
  await writeFile(
    temp,
    `---\nid: ${id}\ntype: file_drop\nsource: files\nfrom: ana@client-a.example\nsubject: Invoice ${index}\nreceived: 2026-11-26T10:00:00.000Z\nstatus: needs_action\ncontact: known\ntriage: message\n---\n\n# Invoice ${index}\n\nPlease send the invoice for ${index + 1} hours of consulting.\n`,
  );
  await rename(temp, path.join(vault, "Needs_Action", `FILE_invoice-${index}_${id}.md`));
}

describe("planning a long queue on two threads", () => {
  it("plans every task once and files every request once", { timeout: 180_000 }, async () => {
    const vault = await tempVault();
    const env = cleanEnv({ AI_EMPLOYEE_VAULT: vault });
    await runCli(["init"], { env });
    for (let index = 0; index < DROPS; index += 1) {
      await writeFile(
        path.join(vault, "Inbox", `request-${index}.txt`),
        `From: Ana Costa <ana@client-a.example>\nSubject: Invoice ${index}\n\nPlease send the invoice for ${index + 1} hours of consulting.\n`,
      );
    }

    const result = await runCli(["run", "--once"], { env, timeoutMs: 150_000 });
    expect(result.code).toBe(0);
    const assisted = Number(/\((\d+) planned on a second thread\)/.exec(result.stdout)?.[1] ?? 0);
    expect(assisted).toBeGreaterThan(0);
    expect(assisted).toBeLessThan(DROPS);
    expect(result.stdout).toContain(`${DROPS} waiting for a person`);

    const tasks = await list(vault, "In_Progress/local");
    expect(tasks).toHaveLength(DROPS);
    expect(await list(vault, "Needs_Action")).toEqual([]);
    const approvals: string[] = [];
    for (const name of tasks) {
      const task = frontMatter(await read(vault, `In_Progress/local/${name}`));
      expect(task).toMatchObject({ status: "awaiting_approval", iteration: 1 });
      approvals.push(...(task.approvals as string[]));
    }
    // An invoice draft and a reply per task, none filed twice, each a request in Pending_Approval/.
    expect(approvals).toHaveLength(DROPS * 2);
    expect(new Set(approvals).size).toBe(DROPS * 2);
    const requests = await list(vault, "Pending_Approval");
    expect(requests).toHaveLength(DROPS * 2);
    expect(new Set(requests.map((name) => /_([^_]+)\.md$/.exec(name)?.[1])).size).toBe(DROPS * 2);
    expect(await list(vault, "Plans")).toHaveLength(DROPS);

    const verified = await runCli(["logs", "verify"], { env });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  });

  it(
    "drains and follows the queue, appending its audit lines through the log it is given",
    { timeout: 60_000 },
    async () => {
      const vault = await tempVault();
      const env = cleanEnv({ AI_EMPLOYEE_VAULT: vault });
      await runCli(["init"], { env });
      for (let index = 0; index < 3; index += 1) await writeTask(vault, index);
      const logsBefore = await readdir(path.join(vault, "Logs"));
      // The thread's code is the built one (a worker thread runs JavaScript), as the command runs it.
      const { createQueueAssistant } = (await import(
        new URL("../runtime/queue-assistant.js", `file://${CLI}`).href
      )) as typeof QueueAssistantModule;
      const events: AuditEvent[] = [];
      const failures: string[] = [];
      const assistant = createQueueAssistant({
        vaultRoot: vault,
        env,
        offline: true,
        audit: {
          async append(event) {
            events.push(event);
            return { ...event, timestamp: new Date().toISOString(), prev_hash: "0", hash: "1" } as AuditEntry;
          },
        },
        onFailure: (message) => failures.push(message),
      });
      const result = await assistant.drain();
      expect(result.processed.waiting).toBe(3);
      expect(events.filter((event) => event.action_type === "plan_written")).toHaveLength(3);
      expect(events.filter((event) => event.approval_id)).toHaveLength(6);

      // Following the filing: it plans what arrives, and once the filing is done, what is left.
      const filed = new AbortController();
      const following = assistant.follow(filed.signal);
      for (let index = 3; index < 5; index += 1) await writeTask(vault, index);
      filed.abort();
      expect((await following).processed.waiting).toBe(2);
      expect(await list(vault, "Needs_Action")).toEqual([]);
      await assistant.close();
      expect(failures).toEqual([]);
      expect(events.filter((event) => event.action_type === "plan_written")).toHaveLength(5);
      // Nothing was written to the vault's log by the thread itself.
      expect(await readdir(path.join(vault, "Logs"))).toEqual(logsBefore);
    },
  );
});
