/**
 * Restart safety (DESIGN.md): the daemon is killed with SIGKILL in the middle of a batch, twice — while
 * planning and while executing approved work — and restarted. Nothing is lost, nothing is filed twice,
 * and no approved action runs twice.
 */
import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, eventually, list, read, runCli, startDaemon, tempVault } from "../support/cli.js";
import { frontMatter } from "../support/front-matter.js";

const DROPS = 120;

async function count(vault: string, folder: string, prefix: string): Promise<number> {
  return (await list(vault, folder)).filter((name) => name.startsWith(prefix)).length;
}

describe("crash recovery", () => {
  it("loses nothing and executes nothing twice across SIGKILLs mid-batch", { timeout: 240_000 }, async () => {
    const vault = await tempVault();
    const env = cleanEnv({ AI_EMPLOYEE_VAULT: vault });
    await runCli(["init"], { env });
    // The Handbook's 10 emails per hour would defer most of this batch (correctly); raise it for the test.
    const handbook = path.join(vault, "Company_Handbook.md");
    await writeFile(
      handbook,
      (await readFile(handbook, "utf8")).replace("| Emails | 10 |", "| Emails | 1000 |"),
    );
    for (let index = 0; index < DROPS; index += 1) {
      await writeFile(
        path.join(vault, "Inbox", `request-${index}.txt`),
        `From: Ana Costa <ana@client-a.example>\nSubject: Invoice ${index}\n\nPlease send the invoice for ${index + 1} hours of consulting.\n`,
      );
    }

    // Kill while the batch is being planned.
    const first = await startDaemon([], env);
    await eventually(
      async () =>
        (await count(vault, "In_Progress/local", "FILE_")) + (await count(vault, "Done", "FILE_")) >= 10
          ? true
          : undefined,
      20_000,
      "some tasks planned",
    );
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));

    const resumed = await runCli(["run", "--once"], { env });
    expect(resumed.code).toBe(0);
    expect(await list(vault, "Inbox")).toEqual([]);
    expect(await list(vault, "Needs_Action")).toEqual([]);
    const tasks = await list(vault, "In_Progress/local");
    expect(tasks).toHaveLength(DROPS);
    const subjects = new Set<string>();
    for (const name of tasks)
      subjects.add(String(frontMatter(await read(vault, `In_Progress/local/${name}`)).subject));
    expect(subjects.size).toBe(DROPS);

    const requests = await list(vault, "Pending_Approval");
    const perTask = new Map<string, number>();
    for (const name of requests) {
      const task = String(frontMatter(await read(vault, `Pending_Approval/${name}`)).task);
      perTask.set(task, (perTask.get(task) ?? 0) + 1);
    }
    expect(perTask.size).toBe(DROPS);
    expect(Math.max(...perTask.values())).toBe(2);

    // A person approves everything by moving the files; kill while the approved work runs.
    for (const name of requests)
      await rename(path.join(vault, "Pending_Approval", name), path.join(vault, "Approved", name));
    const second = await startDaemon([], env);
    await eventually(
      async () => ((await count(vault, "Done", "SEND_EMAIL")) >= 10 ? true : undefined),
      30_000,
      "some approvals executed",
    );
    second.kill("SIGKILL");
    await new Promise((resolve) => second.once("exit", resolve));
    expect((await runCli(["run", "--once"], { env })).code).toBe(0);

    expect(await list(vault, "Approved")).toEqual([]);
    const logs = (await runCli(["logs", "--json"], { env })).stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { result: string; approval_id: string | null; action_type: string });
    const successes = new Map<string, number>();
    for (const line of logs)
      if (line.result === "success" && line.approval_id)
        successes.set(line.approval_id, (successes.get(line.approval_id) ?? 0) + 1);
    expect(Math.max(...successes.values())).toBe(1);
    // Every executed email is in the Outbox once; one interrupted mid-call is not repeated but reported.
    const emails = (await readdir(path.join(vault, "Outbox"))).filter((name) => name.endsWith(".eml"));
    expect(emails.length).toBe(
      logs.filter((line) => line.action_type === "send_email" && line.result === "success").length,
    );
    const executed =
      (await count(vault, "Done", "SEND_EMAIL")) + (await count(vault, "Done", "CREATE_INVOICE"));
    const interrupted =
      (await count(vault, "Rejected", "SEND_EMAIL")) + (await count(vault, "Rejected", "CREATE_INVOICE"));
    expect(executed + interrupted).toBe(requests.length);
    expect(interrupted).toBeLessThanOrEqual(2);
    expect((await runCli(["logs", "verify"], { env })).stdout).toMatch(/intact/);
  });
});
