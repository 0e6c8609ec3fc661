import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseMoney, readBusinessGoals } from "./business-goals.js";

const TEMPLATE = new URL("../../templates/vault/Business_Goals.md", import.meta.url);

describe("Business_Goals.md, read by code", () => {
  it("reads the template: target, metrics, audit rules, projects", async () => {
    const goals = readBusinessGoals(await readFile(TEMPLATE, "utf8"));
    expect(goals.monthlyRevenueTarget).toEqual({ amount: 10_000, currency: "USD" });
    expect(goals.metrics.map((metric) => metric.metric)).toEqual([
      "Client response time",
      "Invoice payment rate",
      "Software costs",
    ]);
    expect(goals.metrics[2]).toEqual({
      metric: "Software costs",
      target: "under 500 USD per month",
      alertThreshold: "over 600 USD per month",
    });
    expect(goals.auditRules).toEqual({
      unusedDays: 30,
      costIncreasePercent: 20,
      duplicates: true,
      notUnderstood: [],
    });
    expect(goals.activeProjects).toContain("Client B website (due end of quarter)");
    expect(goals.problems).toEqual([]);
  });

  it("tolerates a person's edits: the seed's list format, loose tables, changed and unknown rules", () => {
    const goals = readBusinessGoals(
      [
        "# Goals",
        "## Revenue targets",
        "- Monthly goal: €12,500",
        "- Current MTD: €4,500",
        "## key metrics",
        "Metric|Target|Alert",
        "-|-|-",
        "Client response time | under 2 days | over 3 days",
        "## Subscription Audit Rules",
        "* Cost increased more than 30 %",
        "* Renewal within 7 days",
        "## Subscriptions",
        "| Tool | Category |",
        "| --- | --- |",
        "| Notion | Notes \\| docs |",
      ].join("\n"),
    );
    expect(goals.monthlyRevenueTarget).toEqual({ amount: 12_500, currency: "EUR" });
    expect(goals.metrics).toEqual([
      { metric: "Client response time", target: "under 2 days", alertThreshold: "over 3 days" },
    ]);
    expect(goals.auditRules).toEqual({
      unusedDays: undefined,
      costIncreasePercent: 30,
      duplicates: false,
      notUnderstood: ["Renewal within 7 days"],
    });
    expect(goals.categories.get("notion")).toBe("Notes | docs");
  });

  it("says what it could not read instead of failing", () => {
    expect(readBusinessGoals("# Goals\n\nnothing here\n")).toMatchObject({
      monthlyRevenueTarget: undefined,
      metrics: [],
      problems: [expect.stringContaining("no monthly revenue target")],
      // Without a rules list the seed's rules apply.
      auditRules: { unusedDays: 30, costIncreasePercent: 20, duplicates: true },
    });
    expect(readBusinessGoals(undefined).problems[0]).toMatch(/missing: run `ai-employee init`/);
  });

  it("reads money as people write it", () => {
    expect(parseMoney("$10,000")).toEqual({ amount: 10_000, currency: "USD" });
    expect(parseMoney("10000 USD")).toEqual({ amount: 10_000, currency: "USD" });
    expect(parseMoney("EUR 2.5k")).toEqual({ amount: 2_500, currency: "EUR" });
    expect(parseMoney("soon")).toBeUndefined();
  });
});
