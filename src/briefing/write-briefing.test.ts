import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNote } from "../vault/note.js";
import type { BriefingBooks } from "./briefing-books.js";
import type { Suggestion } from "./suggestion.js";
import { writeBriefing } from "./write-briefing.js";

const NOW = new Date("2026-03-08T22:00:00Z");
const FILE = "Briefings/2026-03-09_Monday_Briefing.md";

/** Books with one overdue invoice and one subscription up 50%: two suggestions with actions. */
const books: BriefingBooks = {
  description: "test books",
  async revenue() {
    return { currencies: [] };
  },
  async listInvoices() {
    return [
      {
        id: "7",
        number: "INV/7",
        partner: { name: "Acme", email: "ap@acme.example" },
        state: "posted",
        paymentState: "not_paid",
        amountTotal: 100,
        amountResidual: 100,
        currency: "USD",
        invoiceDate: "2026-01-01",
        dueDate: "2026-02-01",
      },
    ];
  },
  async vendorBills() {
    return [
      { id: "1", number: undefined, vendor: "Figma", amount: 40, currency: "USD", date: "2026-02-03" },
      { id: "2", number: undefined, vendor: "Figma", amount: 60, currency: "USD", date: "2026-03-03" },
    ];
  },
};

async function read(vault: string) {
  return parseNote(await readFile(path.join(vault, FILE), "utf8"), FILE);
}

describe("writeBriefing", () => {
  it("lets a model write the summary, kept inside its section", async () => {
    const vault = await mkdtemp(path.join(tmpdir(), "briefing-write-"));
    let seen: number | undefined;
    await writeBriefing({
      vaultRoot: vault,
      books,
      now: () => NOW,
      timezone: "UTC",
      async summarize(data) {
        seen = data.suggestions.length;
        return "## A heading the model added\nRevenue was quiet; chase Acme.";
      },
    });
    const { data, body } = await read(vault);
    expect(seen).toBe(2);
    expect(data.summary_by).toBe("model");
    expect(body).toContain(
      "## Executive Summary\n\n**A heading the model added**\nRevenue was quiet; chase Acme.",
    );
    expect(body.match(/^## /gm)).toHaveLength(6);
  });

  it("falls back to the computed summary when the model fails", async () => {
    const vault = await mkdtemp(path.join(tmpdir(), "briefing-write-"));
    await writeBriefing({
      vaultRoot: vault,
      books,
      now: () => NOW,
      timezone: "UTC",
      summarize: async () => {
        throw new Error("model offline");
      },
    });
    const { data, body } = await read(vault);
    expect(data.summary_by).toBe("code");
    expect(body).toContain("- 0 invoiced this week.");
    expect(body).toContain(
      "> - The model could not write the summary (model offline); this one is computed.",
    );
  });

  it("says why a suggestion has no request, and files it on a later run once it can", async () => {
    const vault = await mkdtemp(path.join(tmpdir(), "briefing-write-"));
    await writeBriefing({ vaultRoot: vault, books, now: () => NOW, timezone: "UTC" });
    expect((await read(vault)).body).toContain(
      "No approval request: this run files no requests (no approval desk was given).",
    );

    const calls: string[] = [];
    const failing = async (suggestion: Suggestion) => {
      calls.push(suggestion.key);
      if (suggestion.kind === "invoice_reminder") throw new Error("desk is locked");
      return undefined;
    };
    await writeBriefing({
      vaultRoot: vault,
      books,
      fileSuggestion: failing,
      now: () => NOW,
      timezone: "UTC",
    });
    const { body } = await read(vault);
    expect(body).toContain("No approval request: the employee has no `cancel_subscription` action.");
    expect(body).toContain(
      "No approval request: filing it failed (desk is locked); it is tried again when the briefing is regenerated.",
    );

    const working = async (suggestion: Suggestion) => {
      calls.push(suggestion.key);
      return {
        id: "20260308-220000-abcdef",
        file: "Pending_Approval/SEND_EMAIL_reminder_20260308-220000-abcdef.md",
      };
    };
    await writeBriefing({
      vaultRoot: vault,
      books,
      fileSuggestion: working,
      now: () => NOW,
      timezone: "UTC",
    });
    await writeBriefing({
      vaultRoot: vault,
      books,
      fileSuggestion: working,
      now: () => NOW,
      timezone: "UTC",
    });
    expect(calls).toEqual([
      "briefing:2026-03-02:cancel_subscription:figma",
      "briefing:2026-03-02:invoice_reminder:7",
      "briefing:2026-03-02:cancel_subscription:figma",
      "briefing:2026-03-02:invoice_reminder:7",
    ]);
    expect((await read(vault)).body).toContain(
      "Approval request ready: [[SEND_EMAIL_reminder_20260308-220000-abcdef]] — approve with `ai-employee approve 20260308-220000-abcdef`",
    );
  });
});
