import { describe, expect, it } from "vitest";
import { SAFE_DEFAULT } from "../governance/handbook.js";
import type { Task } from "../vault/task-note.js";
import { createOfflineReasoner } from "./offline-reasoner.js";

function financeTask(fields: Record<string, unknown>, from = ""): Task {
  return {
    path: "In_Progress/local/FINANCE_x_20261126-000000-abcdef.md",
    body: "",
    content: "",
    meta: {
      id: "20261126-000000-abcdef",
      type: "finance_event",
      source: "finance",
      from,
      subject: "finance",
      received: "2026-11-26T00:00:00Z",
      priority: "normal",
      domain: "business",
      status: "in_progress",
      ...fields,
    },
  };
}

const plan = (task: Task) =>
  createOfflineReasoner().plan({
    task,
    handbook: SAFE_DEFAULT,
    rates: [],
    tools: [],
    skills: [],
    iteration: 1,
    history: [],
    signal: new AbortController().signal,
  });

describe("the offline reasoner on finance events", () => {
  it("proposes a reminder email for an overdue invoice", async () => {
    const draft = await plan(
      financeTask(
        {
          event: "overdue_invoice",
          invoice_number: "INV-2026-0001",
          amount_residual: 2000,
          currency: "USD",
          due_date: "2026-11-01",
          partner: "Ana Costa",
        },
        "ana@client-a.example",
      ),
    );
    expect(draft.proposals).toEqual([
      expect.objectContaining({
        server: "email",
        tool: "send_email",
        arguments: expect.objectContaining({
          to: ["ana@client-a.example"],
          subject: "Reminder: invoice INV-2026-0001",
        }),
      }),
    ]);
    expect(String((draft.proposals[0]!.arguments as { body: string }).body)).toMatch(
      /2000 USD\) was due on 2026-11-01/,
    );
  });

  it("flags a subscription review and an overdue invoice without an address for a person", async () => {
    expect(
      (
        await plan(
          financeTask({ event: "subscription_review", vendor: "Design Tool Pro", reason: "cost up 25%" }),
        )
      ).flags[0],
    ).toMatch(/Design Tool Pro: cost up 25%/);
    const noAddress = await plan(financeTask({ event: "overdue_invoice", invoice_number: "INV-1" }));
    expect(noAddress.proposals).toEqual([]);
    expect(noAddress.flags[0]).toMatch(/no email address/);
  });
});
