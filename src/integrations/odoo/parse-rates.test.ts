import { describe, expect, it } from "vitest";
import { parseAmount } from "./parse-amount.js";
import { parseRates } from "./parse-rates.js";

describe("parseRates", () => {
  it("reads the table the core's init writes", () => {
    const markdown = [
      "# Rates",
      "",
      "| Service | Unit | Rate | Currency |",
      "| ------- | ---- | ---- | -------- |",
      "| Consulting | hour | 150 | USD |",
      "| Website maintenance | month | 500 | USD |",
    ].join("\n");
    expect(parseRates(markdown)).toEqual([
      { service: "Consulting", unit: "hour", rate: 150, currency: "USD" },
      { service: "Website maintenance", unit: "month", rate: 500, currency: "USD" },
    ]);
  });

  it("tolerates a person's edits: reordered and extra columns, blank lines, symbols, separators, bold, escaped pipes", () => {
    const markdown = [
      "# Rates",
      "",
      "Our prices for 2026.",
      "",
      "Rate | **Service** | Notes | Unit | Currency",
      ":---|---|---|---|---:",
      "$1,500.00 | Logo design | incl. 2 rounds | project |",
      "",
      "1.234,50 € | Audit \\| review | | day | ",
      "| | Empty rate | | hour | USD |",
      "ask me | Retainer | | month | USD",
      "2,000 | Workshop | | day | gbp",
      "",
      "Some closing words that are not a table.",
      "",
      "| Item | Price |",
      "|--|--|",
      "| Sticker | 0.5 |",
    ].join("\r\n");
    expect(parseRates(markdown, "EUR")).toEqual([
      { service: "Logo design", unit: "project", rate: 1500, currency: "USD" },
      { service: "Audit | review", unit: "day", rate: 1234.5, currency: "EUR" },
      { service: "Workshop", unit: "day", rate: 2000, currency: "GBP" },
      { service: "Sticker", unit: "", rate: 0.5, currency: "EUR" },
    ]);
  });

  it("finds nothing in a page without a rates table", () => {
    expect(parseRates("# Rates\n\nTBD\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")).toEqual([]);
  });
});

describe("parseAmount", () => {
  it.each([
    ["1500", 1500, undefined],
    ["$1,500.00", 1500, "USD"],
    ["1.500,00 €", 1500, "EUR"],
    ["USD 2,000", 2000, "USD"],
    ["-45.00", -45, undefined],
    ["(45.00)", -45, undefined],
    ["£ 12,5", 12.5, "GBP"],
    ["1 250", 1250, undefined],
  ] as const)("%s", (text, value, currency) => {
    expect(parseAmount(text)).toEqual({ value, currency });
  });

  it.each(["", "ask me", "12abc", "1,2,3.4.5x"])("rejects %j", (text) => {
    expect(parseAmount(text)).toBeUndefined();
  });
});
