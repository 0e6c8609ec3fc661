import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseHandbook } from "../governance/handbook.js";
import type { Task } from "../vault/task-note.js";
import { createOfflineReasoner } from "./offline-reasoner.js";
import type { Rate, ReasonerInput } from "./reasoner.js";

const handbookText = await readFile(
  fileURLToPath(new URL("../../templates/vault/Company_Handbook.md", import.meta.url)),
  "utf8",
);
const { handbook } = parseHandbook(handbookText);
const rates: Rate[] = [
  { service: "Consulting", unit: "hour", rate: 150, currency: "USD" },
  { service: "Website maintenance", unit: "month", rate: 500, currency: "USD" },
  { service: "Monthly retainer", unit: "month", rate: 2000, currency: "USD" },
];

function task(meta: Partial<Task["meta"]> & Record<string, unknown>, content: string): Task {
  return {
    path: "In_Progress/local/EMAIL_x_20261126-000000-abcdef.md",
    body: "",
    content,
    meta: {
      id: "20261126-000000-abcdef",
      type: "email",
      source: "imap:business",
      from: "",
      subject: "",
      received: "2026-11-26T00:00:00Z",
      priority: "normal",
      domain: "business",
      status: "in_progress",
      ...meta,
    },
  };
}

function input(value: Task): ReasonerInput {
  return {
    task: value,
    handbook,
    rates,
    tools: [],
    skills: [],
    iteration: 1,
    history: [],
    signal: new AbortController().signal,
  };
}

describe("the offline rules reasoner", () => {
  const reasoner = createOfflineReasoner();

  it("drafts an invoice from the rates and a threaded reply for a known client", async () => {
    const draft = await reasoner.plan(
      input(
        task(
          {
            from: "ana@client-a.example",
            subject: "Invoice",
            message_id: "<m1@client-a.example>",
            contact: "known",
          },
          "Please invoice the 12 hours of consulting from last week. We paid $300 in 2025.",
        ),
      ),
    );
    expect(draft.proposals.map((proposal) => proposal.tool)).toEqual(["create_invoice", "reply_email"]);
    const invoice = draft.proposals[0]!.arguments as {
      lines: { quantity: number; unit_price: number }[];
      currency: string;
      partner: { email: string };
    };
    expect(invoice.lines).toEqual([expect.objectContaining({ quantity: 12, unit_price: 150 })]);
    expect(invoice.partner.email).toBe("ana@client-a.example");
    expect(draft.proposals[1]!.arguments).toMatchObject({
      in_reply_to: "<m1@client-a.example>",
      to: ["ana@client-a.example"],
      subject: "Re: Invoice",
    });
    expect(draft.flags).toEqual([]);
    expect(draft.steps.some((step) => step.text.includes("300.00 USD"))).toBe(true);
  });

  it("never invents a price: no matching rate means a person prices it", async () => {
    const draft = await reasoner.plan(
      input(
        task(
          { from: "stranger@unknown.example", subject: "Invoice for the logo" },
          "Send me an invoice for the logo design.",
        ),
      ),
    );
    expect(draft.proposals.map((proposal) => proposal.tool)).toEqual(["send_email"]);
    expect(draft.flags.join(" ")).toMatch(/never invents a price/);
    expect(draft.flags.join(" ")).toMatch(/not in the Handbook's Known Contacts/);
  });

  it("answers a quote request with the rates, on WhatsApp when it came on WhatsApp", async () => {
    const draft = await reasoner.plan(
      input(
        task(
          { type: "whatsapp_message", from: "15550100002", subject: "WhatsApp" },
          "How much is website maintenance?",
        ),
      ),
    );
    expect(draft.proposals).toHaveLength(1);
    expect(draft.proposals[0]).toMatchObject({
      server: "whatsapp",
      tool: "send_whatsapp",
      arguments: { to: "15550100002" },
    });
    expect(String((draft.proposals[0]!.arguments as { text: string }).text)).toMatch(
      /Website maintenance: 500.00 USD per month/,
    );
  });

  it("files a newsletter and flags what it cannot understand", async () => {
    expect(
      (
        await reasoner.plan(
          input(task({ from: "news@shop.example", subject: "Deals" }, "Our newsletter. Unsubscribe here.")),
        )
      ).proposals,
    ).toEqual([]);
    const unclear = await reasoner.plan(
      input(task({ from: "ben@client-b.example", subject: "Hello" }, "Thoughts on the thing we discussed?")),
    );
    expect(unclear.flags.length).toBeGreaterThan(0);
    expect(unclear.proposals.map((proposal) => proposal.tool)).toEqual(["send_email"]);
  });

  it("files a binary drop without proposing anything outward", async () => {
    const draft = await reasoner.plan(
      input(
        task(
          { type: "file_drop", triage: "file", subject: "scan.pdf", file_name: "scan.pdf" },
          "(binary file)",
        ),
      ),
    );
    expect(draft.proposals).toEqual([]);
    expect(draft.flags).toEqual([]);
  });
});
