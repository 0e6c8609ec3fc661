import { describe, expect, it } from "vitest";
import { escapeCell, formatHours, formatMoney, plainText, wikilink } from "./markdown-format.js";
import { renderRevenueChart } from "./revenue-chart.js";

describe("the briefing's Markdown", () => {
  it("keeps table cells inside their table", () => {
    expect(escapeCell("Q1 | report")).toBe("Q1 \\| report");
    expect(escapeCell("two\nlines")).toBe("two lines");
    expect(escapeCell("a \\| b")).toBe("a \\\\\\| b");
    expect(wikilink("A|B]]")).toBe("[[AB]]");
  });

  it("keeps outside text from opening links, tags or code", () => {
    expect(plainText("Pay [[Secrets]] <img src=x> `now`")).toBe("Pay Secrets img src=x now");
    expect(plainText("x".repeat(200), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("formats money and durations for people", () => {
    expect(formatMoney(1234.5, "USD")).toBe("1,234.50 USD");
    expect(formatMoney(10000, undefined)).toBe("10,000");
    expect([0.2, 3, 30, 170].map(formatHours)).toEqual(["12 min", "3 h", "30 h", "7.1 days"]);
  });

  it("draws the trend chart even with nothing in it", () => {
    const chart = renderRevenueChart(
      [
        { start: "2026-02-23", end: "2026-03-01", currencies: undefined },
        { start: "2026-03-02", end: "2026-03-08", currencies: [] },
      ],
      undefined,
      undefined,
    );
    expect(chart).toBe(
      [
        "```mermaid",
        "xychart-beta",
        '    title "Invoiced per week: 1 week(s) missing"',
        '    x-axis ["Feb 23", "Mar 2"]',
        '    y-axis "Amount" 0 --> 100',
        "    bar [0, 0]",
        "```",
      ].join("\n"),
    );
  });

  it("scales the axis to the bars and the target's weekly pace", () => {
    const chart = renderRevenueChart(
      [
        {
          start: "2026-03-02",
          end: "2026-03-08",
          currencies: [
            { currency: "USD", invoiced: 1200, collected: 0, invoiceCount: 1 },
            { currency: "EUR", invoiced: 9000, collected: 0, invoiceCount: 1 },
          ],
        },
      ],
      "USD",
      { amount: 13_000, currency: "USD" },
    );
    expect(chart).toContain('y-axis "USD" 0 --> 5000');
    expect(chart).toContain("bar [1200]");
    expect(chart).toContain("line [3000]");
  });
});
