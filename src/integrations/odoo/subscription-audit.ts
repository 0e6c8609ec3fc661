/**
 * @module The subscription audit over vendor bills: the Business_Goals.md rule that bills can show, a
 * vendor whose latest bill is more than the threshold above the one before. "No use in 30 days" and
 * "duplicate tools" need usage data and categories the books do not hold; the briefing says so.
 */
import type { VendorBill } from "./books.js";

export interface SubscriptionFinding {
  vendor: string;
  reason: string;
  latest: VendorBill;
  previous: VendorBill | undefined;
}

function vendorKey(vendor: string): string {
  return vendor
    .toLowerCase()
    .replace(/\b(inc|ltd|llc|gmbh|plc|co)\b\.?/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function findSubscriptionChanges(
  bills: readonly VendorBill[],
  threshold: number,
): SubscriptionFinding[] {
  const byVendor = new Map<string, VendorBill[]>();
  for (const bill of bills)
    byVendor.set(vendorKey(bill.vendor), [...(byVendor.get(vendorKey(bill.vendor)) ?? []), bill]);
  const findings: SubscriptionFinding[] = [];
  for (const vendorBills of byVendor.values()) {
    const sorted = [...vendorBills].sort((a, b) => a.date.localeCompare(b.date));
    const latest = sorted.at(-1)!;
    const previous = sorted.at(-2);
    if (!previous || previous.currency !== latest.currency || Math.abs(previous.amount) === 0) continue;
    const increase = (Math.abs(latest.amount) - Math.abs(previous.amount)) / Math.abs(previous.amount);
    if (increase > threshold) {
      findings.push({
        vendor: latest.vendor,
        reason: `cost up ${Math.round(increase * 100)}% (over the ${Math.round(threshold * 100)}% rule)`,
        latest,
        previous,
      });
    }
  }
  return findings;
}
