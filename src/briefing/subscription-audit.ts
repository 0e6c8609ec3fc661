/**
 * @module The subscription audit over vendor bills, with the rules of Business_Goals.md that bills can
 * answer: a cost up more than the stated percentage against the vendor's previous bill, and two tools of
 * the same category (when a category is known). "No use in N days" needs usage data bills do not carry,
 * so the audit says it could not check it. A finding is raised in the week of the bill that triggers it,
 * so each renewal is reviewed once.
 */
import type { BriefingVendorBill } from "./briefing-books.js";
import type { BriefingWeek } from "./briefing-week.js";
import type { AuditRules } from "./business-goals.js";
import { addDays } from "./time-zone.js";

/** A vendor billed within this many days is a live subscription (monthly bills, a few days late). */
export const RECENT_BILL_DAYS = 35;

export interface CostIncrease {
  kind: "cost_increase";
  vendor: string;
  currency: string;
  amount: number;
  previousAmount: number;
  increasePercent: number;
  date: string;
  previousDate: string;
}

export interface DuplicateTools {
  kind: "duplicate_tools";
  category: string;
  vendors: { vendor: string; amount: number; currency: string; date: string }[];
}

export type SubscriptionFinding = CostIncrease | DuplicateTools;

export interface SubscriptionAudit {
  findings: SubscriptionFinding[];
  /** Rules the audit could not apply, and why, for a person. */
  unchecked: string[];
  /** Vendors billed in the last RECENT_BILL_DAYS days. */
  activeVendors: number;
}

function vendorKey(vendor: string): string {
  return vendor.trim().toLowerCase().replace(/\s+/g, " ");
}

function byDate(a: BriefingVendorBill, b: BriefingVendorBill): number {
  return a.date.localeCompare(b.date) || a.id.localeCompare(b.id);
}

export function auditSubscriptions(
  bills: readonly BriefingVendorBill[],
  rules: AuditRules,
  categories: ReadonlyMap<string, string>,
  week: BriefingWeek,
): SubscriptionAudit {
  const byVendor = new Map<string, BriefingVendorBill[]>();
  for (const bill of bills) {
    const key = `${vendorKey(bill.vendor)}\u0000${bill.currency}`;
    byVendor.set(key, [...(byVendor.get(key) ?? []), bill]);
  }
  const inWeek = (date: string) => date >= week.start && date <= week.end;
  const recentFrom = addDays(week.end, -RECENT_BILL_DAYS);
  const findings: SubscriptionFinding[] = [];
  const unchecked: string[] = [];
  const latest: BriefingVendorBill[] = [];

  for (const vendorBills of byVendor.values()) {
    const sorted = [...vendorBills].sort(byDate);
    const last = sorted.at(-1)!;
    if (last.date >= recentFrom) latest.push(last);
    const previous = sorted.at(-2);
    const limit = rules.costIncreasePercent;
    if (limit === undefined || !previous || previous.amount <= 0 || !inWeek(last.date)) continue;
    const increasePercent = ((last.amount - previous.amount) / previous.amount) * 100;
    if (increasePercent > limit) {
      findings.push({
        kind: "cost_increase",
        vendor: last.vendor,
        currency: last.currency,
        amount: last.amount,
        previousAmount: previous.amount,
        increasePercent: Math.round(increasePercent * 10) / 10,
        date: last.date,
        previousDate: previous.date,
      });
    }
  }

  if (rules.duplicates) {
    const categoryOf = (bill: BriefingVendorBill) =>
      bill.category?.trim() || categories.get(vendorKey(bill.vendor));
    const groups = new Map<string, BriefingVendorBill[]>();
    for (const bill of latest) {
      const category = categoryOf(bill);
      if (!category) continue;
      const key = category.toLowerCase();
      groups.set(key, [...(groups.get(key) ?? []), bill]);
    }
    for (const group of groups.values()) {
      const vendors = new Set(group.map((bill) => vendorKey(bill.vendor)));
      if (vendors.size < 2 || !group.some((bill) => inWeek(bill.date))) continue;
      findings.push({
        kind: "duplicate_tools",
        category: categoryOf(group[0]!)!,
        vendors: group
          .sort((a, b) => b.amount - a.amount || a.vendor.localeCompare(b.vendor))
          .map((bill) => ({
            vendor: bill.vendor,
            amount: bill.amount,
            currency: bill.currency,
            date: bill.date,
          })),
      });
    }
    const uncategorised = latest.filter((bill) => !categoryOf(bill)).length;
    if (latest.length > 0 && uncategorised === latest.length) {
      unchecked.push(
        "Duplicate functionality: no category is known for any vendor — add a `## Subscriptions` table (Vendor | Category) to Business_Goals.md.",
      );
    } else if (uncategorised > 0) {
      unchecked.push(
        `Duplicate functionality: ${uncategorised} of ${latest.length} vendors have no category in Business_Goals.md (\`## Subscriptions\`), so they were not compared.`,
      );
    }
  }
  if (rules.unusedDays !== undefined) {
    unchecked.push(
      `No use in ${rules.unusedDays} days: the books record bills, not use — check each tool's last sign-in yourself.`,
    );
  }
  for (const rule of rules.notUnderstood) unchecked.push(`Not understood, so not applied: "${rule}".`);
  findings.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "cost_increase" ? -1 : 1));
  return { findings, unchecked, activeVendors: latest.length };
}
