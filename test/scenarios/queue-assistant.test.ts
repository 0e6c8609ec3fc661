/**
 * A long queue is planned on two threads (runtime/queue-assistant.ts): both work `Needs_Action/` from
 * its two ends, and the claim decides who takes a task. Every task is planned exactly once, every
 * request is filed once, and the audit chain the two threads wrote together verifies.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ASSIST_FROM } from "../../src/runtime/orchestrator.js";
import { cleanEnv, list, read, runCli, tempVault } from "../support/cli.js";
import { frontMatter } from "../support/front-matter.js";

const DROPS = ASSIST_FROM + 100;

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
});
