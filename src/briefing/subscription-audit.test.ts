import { describe, expect, it } from "vitest";
import type { BriefingVendorBill } from "./briefing-books.js";
import { weekContaining } from "./briefing-week.js";
import type { AuditRules } from "./business-goals.js";
import { auditSubscriptions } from "./subscription-audit.js";
import { createTimeZone } from "./time-zone.js";

const WEEK = weekContaining("2026-03-04", createTimeZone("UTC"));
const SEED_RULES: AuditRules = {
  unusedDays: 30,
  costIncreasePercent: 20,
  duplicates: true,
  notUnderstood: [],
};

let next = 0;
function bill(
  vendor: string,
  amount: number,
  date: string,
  extra: Partial<BriefingVendorBill> = {},
): BriefingVendorBill {
  next += 1;
  return { id: `b${next}`, number: undefined, vendor, amount, currency: "USD", date, ...extra };
}

describe("the subscription audit", () => {
  it("flags a cost up more than the limit against the vendor's previous bill, in the week of the bill", () => {
    const audit = auditSubscriptions(
      [
        bill("Figma", 45, "2026-02-04"),
        bill("figma ", 56.25, "2026-03-04"),
        bill("Slack", 10, "2026-02-06"),
        bill("Slack", 12, "2026-03-06"), // exactly 20%: not more than
        bill("Adobe", 50, "2026-01-20"),
        bill("Adobe", 90, "2026-02-20"), // up 80%, but billed before this week: raised then
        bill("Canva", 0, "2026-02-01"),
        bill("Canva", 12, "2026-03-01"), // after a free month: no percentage
      ],
      SEED_RULES,
      new Map(),
      WEEK,
    );
    expect(audit.findings).toEqual([
      {
        kind: "cost_increase",
        vendor: "figma ",
        currency: "USD",
        amount: 56.25,
        previousAmount: 45,
        increasePercent: 25,
        date: "2026-03-04",
        previousDate: "2026-02-04",
      },
    ]);
    expect(audit.activeVendors).toBe(4);
  });

  it("compares vendors only within one currency", () => {
    const audit = auditSubscriptions(
      [bill("Figma", 45, "2026-02-04"), bill("Figma", 60, "2026-03-04", { currency: "EUR" })],
      SEED_RULES,
      new Map(),
      WEEK,
    );
    expect(audit.findings).toEqual([]);
  });

  it("finds two tools of one category, from Business_Goals.md or the bill, once a renewal falls in the week", () => {
    const bills = [
      bill("Zoom", 15.99, "2026-02-20"),
      bill("Whereby", 9, "2026-03-05"),
      bill("Loom", 12, "2026-03-03", { category: "Video calls" }),
      bill("Notion", 8, "2026-02-10"),
    ];
    const categories = new Map([
      ["zoom", "video calls"],
      ["whereby", "video calls"],
    ]);
    const audit = auditSubscriptions(bills, SEED_RULES, categories, WEEK);
    expect(audit.findings).toEqual([
      {
        kind: "duplicate_tools",
        category: "video calls",
        vendors: [
          { vendor: "Zoom", amount: 15.99, currency: "USD", date: "2026-02-20" },
          { vendor: "Loom", amount: 12, currency: "USD", date: "2026-03-03" },
          { vendor: "Whereby", amount: 9, currency: "USD", date: "2026-03-05" },
        ],
      },
    ]);
    expect(audit.unchecked[0]).toMatch(/1 of 4 vendors have no category/);
  });

  it("says which rules it could not check", () => {
    const audit = auditSubscriptions(
      [bill("Figma", 45, "2026-03-04")],
      { ...SEED_RULES, notUnderstood: ["Renewal within 7 days"] },
      new Map(),
      WEEK,
    );
    expect(audit.unchecked).toEqual([
      expect.stringMatching(
        /^Duplicate functionality: no category is known for any vendor — add a `## Subscriptions` table/,
      ),
      expect.stringMatching(/^No use in 30 days: the books record bills, not use/),
      'Not understood, so not applied: "Renewal within 7 days".',
    ]);
  });

  it("applies only the rules the page lists", () => {
    const audit = auditSubscriptions(
      [bill("Figma", 45, "2026-02-04"), bill("Figma", 90, "2026-03-04")],
      { unusedDays: undefined, costIncreasePercent: undefined, duplicates: false, notUnderstood: [] },
      new Map(),
      WEEK,
    );
    expect(audit).toEqual({ findings: [], unchecked: [], activeVendors: 1 });
  });
});
