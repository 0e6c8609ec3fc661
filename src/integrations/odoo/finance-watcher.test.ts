import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMemoryTaskSink } from "../../../test/support/memory-task-sink.js";
import { createStateStore } from "../../vault/state-store.js";
import { parseBankStatement } from "./bank-statement.js";
import { createFinanceWatcher } from "./finance-watcher.js";
import { findSubscriptionChanges } from "./subscription-audit.js";
import { appendTransactions } from "./transactions-ledger.js";
import { createVaultBooks } from "./vault-books.js";

const NOW = new Date("2026-11-26T09:00:00Z");

async function setUp() {
  const vault = await mkdtemp(path.join(tmpdir(), "finance-"));
  const books = createVaultBooks(vault, () => NOW);
  const memory = createMemoryTaskSink(vault);
  const watcher = createFinanceWatcher({
    books,
    vaultRoot: vault,
    state: createStateStore(path.join(vault, ".ai-employee", "state")),
    sink: memory.sink,
    now: () => NOW,
    currency: "USD",
    priceIncreaseThreshold: async () => 0.2,
  });
  return { vault, books, memory, watcher };
}

describe("the finance watcher", () => {
  it("files one task per overdue invoice, however often it runs", async () => {
    const { books, memory, watcher } = await setUp();
    const overdue = await books.createInvoice({
      partner: { name: "Ana Costa", email: "ana@client-a.example" },
      lines: [{ description: "Retainer", quantity: 1, unitPrice: 2000 }],
      currency: "USD",
      dueDate: "2026-11-01",
    });
    await books.postInvoice(overdue.id);
    const notDue = await books.createInvoice({
      partner: { name: "Ben" },
      lines: [{ description: "Site", quantity: 1, unitPrice: 500 }],
      currency: "USD",
      dueDate: "2026-12-31",
    });
    await books.postInvoice(notDue.id);
    expect(await watcher.poll()).toBe(1);
    expect(await watcher.poll()).toBe(0);
    expect(memory.items).toHaveLength(1);
    expect(memory.items[0]).toMatchObject({
      type: "finance_event",
      from: "ana@client-a.example",
      fields: { event: "overdue_invoice", amount_residual: 2000, due_date: "2026-11-01" },
    });
  });

  it("imports a dropped bank statement once, and quarantines one it cannot read", async () => {
    const { vault, memory, watcher } = await setUp();
    const folder = path.join(vault, "Accounting", "Statements");
    await mkdir(folder, { recursive: true });
    await writeFile(
      path.join(folder, "november.csv"),
      'Date;Description;Amount\n2026-11-03;"Design Tool Pro; monthly";-24,00\n2026-11-05;Client A;2.000,00\n',
    );
    await writeFile(path.join(folder, "broken.csv"), "when,what\nyesterday,coffee\n");
    await watcher.poll();
    await watcher.poll();
    const ledger = await readFile(path.join(vault, "Accounting", "Transactions.md"), "utf8");
    expect(ledger.match(/Design Tool Pro; monthly/g)).toHaveLength(1);
    expect(ledger).toMatch(/\| 2026-11-05 \| Client A \| 2000(\.00)? \| USD \|/);
    expect(memory.quarantined.map((item) => item.name)).toEqual(["broken.csv"]);
  });

  it("flags a subscription whose cost rose more than the Business Goals allow", async () => {
    const { vault, memory, watcher } = await setUp();
    await appendTransactions(vault, [
      { date: "2026-09-10", description: "Design Tool Pro", amount: -20, currency: "USD", reference: "B1" },
      { date: "2026-10-10", description: "Design Tool Pro", amount: -20, currency: "USD", reference: "B2" },
      { date: "2026-11-10", description: "Design Tool Pro", amount: -25, currency: "USD", reference: "B3" },
      { date: "2026-11-11", description: "Hosting Co", amount: -10, currency: "USD", reference: "B4" },
      { date: "2026-10-11", description: "Hosting Co", amount: -10, currency: "USD", reference: "B5" },
    ]);
    await watcher.poll();
    const reviews = memory.items.filter((item) => item.fields?.event === "subscription_review");
    expect(reviews.map((item) => item.fields?.vendor)).toEqual(["Design Tool Pro"]);
    expect(reviews[0]!.subject).toMatch(/cost up 25%/);
  });
});

describe("bank statements and the audit rule", () => {
  it("reads debit/credit columns and European numbers", () => {
    const rows = parseBankStatement(
      'Date,Details,Debit,Credit\n03.11.2026,Rent,"1.200,00",\n04.11.2026,Client,,"500,50"\n',
      "EUR",
      "x.csv",
    );
    expect(rows.map((row) => [row.date, row.amount])).toEqual([
      ["2026-11-03", -1200],
      ["2026-11-04", 500.5],
    ]);
  });

  it("keeps equal prices and 20% exactly under the rule", () => {
    const bill = (amount: number, date: string) => ({
      id: date,
      number: undefined,
      vendor: "Tool",
      amount,
      currency: "USD",
      date,
      reference: undefined,
    });
    expect(findSubscriptionChanges([bill(10, "2026-10-01"), bill(12, "2026-11-01")], 0.2)).toEqual([]);
    expect(findSubscriptionChanges([bill(10, "2026-10-01"), bill(12.5, "2026-11-01")], 0.2)).toHaveLength(1);
  });
});
