/**
 * The Ralph Wiggum loop through the whole employee: a model plans a two-step task (draft the invoice,
 * then email it), is asked again with what happened after the first step, keeps its completion promise,
 * and the task reaches Done/ only then. The loop's state, on the task note, survives the process ending
 * between steps.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createScriptedModelServer,
  type ScriptedModelServer,
} from "../fakes/openai/scripted-model-server.js";
import { answer, call, finishPlan } from "../fakes/openai/scripted-replies.js";
import { cleanEnv, list, read, runCli, tempVault } from "../support/cli.js";
import { frontMatter } from "../support/front-matter.js";

let model: ScriptedModelServer;
beforeAll(async () => {
  model = await createScriptedModelServer({ model: "qwen-test" });
});
afterAll(async () => {
  await model.close();
});

async function approveAll(vault: string, env: Record<string, string>): Promise<number> {
  const pending = await list(vault, "Pending_Approval");
  for (const name of pending) {
    const id = String(frontMatter(await read(vault, `Pending_Approval/${name}`)).id);
    expect((await runCli(["approve", id], { env })).code).toBe(0);
  }
  return pending.length;
}

describe("the Ralph Wiggum loop", () => {
  it(
    "re-invokes the reasoner with the task's state until the completion promise",
    { timeout: 120_000 },
    async () => {
      const vault = await tempVault();
      const env = cleanEnv({ AI_EMPLOYEE_VAULT: vault, LLM_BASE_URL: model.baseUrl, LLM_MODEL: "qwen-test" });
      await runCli(["init"], { env });
      await writeFile(
        path.join(vault, "Inbox", "request.txt"),
        "From: Ana Costa <ana@client-a.example>\nSubject: Invoice\n\nPlease invoice this month's retainer and email it to me.\n",
      );

      const invoice = {
        partner: { name: "Ana Costa", email: "ana@client-a.example" },
        lines: [{ description: "Monthly retainer", quantity: 1, unit_price: 2000 }],
        currency: "USD",
      };
      model.script(
        answer([
          call("odoo__create_invoice", invoice),
          finishPlan({ objective: "Invoice Ana", steps: ["Draft the invoice", "Email it"], complete: false }),
        ]),
      );
      expect((await runCli(["run", "--once"], { env })).code).toBe(0);
      const [task] = await list(vault, "In_Progress/local");
      expect(task).toBeDefined();
      const plan = await read(vault, `Plans/PLAN_${task}`);
      expect(plan, plan).toMatch(/reasoner: qwen-test/);
      expect(await approveAll(vault, env)).toBe(1);

      // Step two: the model is asked again, sees the first step's outcome, and promises completion.
      model.script(
        answer(
          [
            call("email__send_email", {
              to: ["ana@client-a.example"],
              subject: "Your invoice",
              body: "Your invoice for this month is ready.",
            }),
            finishPlan({ objective: "Email the invoice", steps: ["Email it"], complete: true }),
          ],
          "<promise>TASK_COMPLETE</promise>",
        ),
      );
      expect((await runCli(["run", "--once"], { env })).code).toBe(0);
      const second = model.chatRequests().at(-1)!;
      expect(JSON.stringify(second.messages)).toMatch(/create_invoice executed/);
      expect(await list(vault, "In_Progress/local")).toEqual([task]);
      // The loop's state is on the task note, with what happened so far.
      const waiting = frontMatter(await read(vault, `In_Progress/local/${task}`));
      expect(waiting).toMatchObject({ iteration: 2, status: "awaiting_approval", loop: { complete: true } });
      expect((waiting.loop as { history: string[] }).history).toEqual([
        expect.stringMatching(/^iteration 1: Invoice Ana/),
        expect.stringMatching(/^outcome: create_invoice executed/),
        expect.stringMatching(/^iteration 2: Email the invoice/),
      ]);

      expect(await approveAll(vault, env)).toBe(1);
      expect((await runCli(["run", "--once"], { env })).code).toBe(0);
      expect(await list(vault, "In_Progress/local")).toEqual([]);
      expect(await list(vault, "Done")).toContain(task);
      expect((await list(vault, "Outbox")).filter((name) => name.endsWith(".eml"))).toHaveLength(1);
      expect(model.chatRequests()).toHaveLength(2);
    },
  );
});
