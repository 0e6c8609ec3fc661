import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appendTransactionRows,
  appendTransactions,
  parseTransactions,
  readTransactions,
  type TransactionRow,
} from "./transactions-ledger.js";

const row = (reference: string, amount = 100): TransactionRow => ({
  date: "2026-03-10",
  description: `Payment ${reference}`,
  amount,
  currency: "USD",
  reference,
});

describe("appendTransactionRows", () => {
  it("creates the file with its header when missing", () => {
    const text = appendTransactionRows(undefined, [row("PAY-1")]);
    expect(text).toMatch(/^# Transactions\n/);
    expect(text).toContain("| Date | Description | Amount | Currency | Reference |\n| ---- |");
    expect(text.endsWith("| 2026-03-10 | Payment PAY-1 | 100.00 | USD | PAY-1 |\n")).toBe(true);
  });

  it("appends after the table's last row and keeps the person's text, rows and columns", () => {
    const mine = [
      "# My money",
      "",
      "Notes before the table.",
      "",
      "| Reference | Date | Amount | Currency | Description | Category |",
      "|---|---|---|---|---|---|",
      "| RENT-3 | 2026-03-01 | -1200 | USD | Office rent | rent |",
      "",
      "Notes after the table, which must stay last.",
      "",
    ].join("\n");
    const text = appendTransactionRows(mine, [row("PAY-1"), row("RENT-3")]);
    expect(text).toBe(
      mine.replace(
        "| RENT-3 | 2026-03-01 | -1200 | USD | Office rent | rent |",
        "| RENT-3 | 2026-03-01 | -1200 | USD | Office rent | rent |\n| PAY-1 | 2026-03-10 | 100.00 | USD | Payment PAY-1 |  |",
      ),
    );
  });

  it("does not append a reference twice, and starts a new table when the person removed it", () => {
    const once = appendTransactionRows(undefined, [row("PAY-1")]);
    expect(appendTransactionRows(once, [row("PAY-1")])).toBe(once);
    const removed = "# Transactions\n\nI deleted the table.\n";
    const text = appendTransactionRows(removed, [row("PAY-2")]);
    expect(text.startsWith(removed.trimEnd())).toBe(true);
    expect(parseTransactions(text)).toEqual([row("PAY-2")]);
  });

  it("keeps Windows line endings", () => {
    const text = appendTransactionRows(appendTransactionRows(undefined, []).replace(/\n/g, "\r\n"), [
      row("PAY-1"),
    ]);
    expect(text).toContain("| PAY-1 |\r\n");
  });
});

describe("appendTransactions", () => {
  let vault: string;
  beforeEach(async () => {
    vault = await mkdtemp(path.join(tmpdir(), "ledger-"));
  });
  afterEach(async () => {
    await rm(vault, { recursive: true, force: true });
  });

  it("serialises concurrent appends so no row is lost", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, index) => appendTransactions(vault, [row(`PAY-${index}`, index + 1)])),
    );
    const rows = await readTransactions(vault);
    expect(rows.map((item) => item.reference).sort()).toEqual(
      Array.from({ length: 12 }, (_, index) => `PAY-${index}`).sort(),
    );
  });

  it("reads messy amounts a person typed", async () => {
    await mkdir(path.join(vault, "Accounting"), { recursive: true });
    await writeFile(
      path.join(vault, "Accounting/Transactions.md"),
      "| Date | Description | Amount | Currency | Reference |\n|--|--|--|--|--|\n| 2026-03-02 | Client | $1,500.00 | | X1 |\n| 2026-03-03 | Figma | (45.00) | USD | X2 |\n| | empty | 1 | USD | |\n",
    );
    expect(await readTransactions(vault)).toEqual([
      { date: "2026-03-02", description: "Client", amount: 1500, currency: "USD", reference: "X1" },
      { date: "2026-03-03", description: "Figma", amount: -45, currency: "USD", reference: "X2" },
    ]);
    expect(await readFile(path.join(vault, "Accounting/Transactions.md"), "utf8")).toContain("(45.00)");
  });
});
