/**
 * @module Provenance, enforced by code: a recipient, amount or link in a proposal is trusted only when it
 * equals a value from a trusted source (the Handbook, the rates, the configuration). Anything else came
 * from outside content, or from a model after reading it, and is marked untrusted whatever the
 * reasoner claimed.
 */
import type { ActionFacts } from "../governance/action-facts.js";

export interface TrustedValues {
  /** Lower-cased addresses, phone digits, names and hosts from the Handbook and the configuration. */
  recipients: ReadonlySet<string>;
  /** Amounts from the rates table and the Handbook. */
  amounts: ReadonlySet<number>;
  /** Links from the Handbook and Business_Goals. */
  links: ReadonlySet<string>;
}

function normalise(recipient: string): string {
  const value = recipient.trim().toLowerCase();
  return /^\+?[\d\s()-]{7,}$/.test(value) ? value.replace(/[^\d]/g, "") : value;
}

export function untrustedFacts(
  facts: ActionFacts,
  trusted: TrustedValues,
  claimed: readonly string[],
): string[] {
  const untrusted = new Set(claimed);
  const recipients = new Set([...trusted.recipients].map(normalise));
  if (
    facts.category !== "social_post" &&
    facts.recipients.some((recipient) => !recipients.has(normalise(recipient)))
  ) {
    untrusted.add("recipient");
  }
  if (facts.amount !== undefined && !trusted.amounts.has(facts.amount.value)) untrusted.add("amount");
  if ((facts.links ?? []).some((link) => !trusted.links.has(link))) untrusted.add("link");
  return [...untrusted];
}
