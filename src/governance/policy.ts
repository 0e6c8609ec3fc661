/**
 * @module The policy: deterministic code that decides, from the Handbook, whether a proposed outward
 * action may go now, needs a person, or is refused. The model never decides; it only proposes.
 *
 * Auto-approval is the exception and needs every condition at once: the row is enabled, the action is
 * the employee's own proposal (not a call from an outside MCP client), no recipient, payee, amount or
 * link came from untrusted content, and every condition of the row holds. Anything else needs a person.
 */
import type { ActionFacts } from "./action-facts.js";
import type { Decision, Risk } from "./decision.js";
import type { ApprovalRule, Handbook, RuleName } from "./handbook.js";

export interface PolicyInput {
  facts: ActionFacts;
  /** `outside_client`: a side-effecting MCP call without an approval id, from any client. */
  origin: "employee" | "outside_client";
  /** Arguments whose value came from untrusted content (an email body, a message, a model after reading one). */
  untrustedFields: readonly string[];
  /** Whether an address, phone number or payee is a known contact (Handbook or sent history). */
  isKnown(recipient: string): boolean;
  /** False when the Handbook could not be read: the safe default applies. */
  handbookReadable: boolean;
}

const RULE_FOR: Record<ActionFacts["category"], RuleName | undefined> = {
  email: "email",
  message: "message",
  payment: "payment",
  social_post: "social",
  social_reply: "social",
  accounting: "accounting",
  invoice: "accounting",
  // Submitting a form in a payment portal is never in the Handbook's auto-approve table.
  browser_submit: undefined,
};

export function decide(handbook: Handbook, input: PolicyInput): Decision {
  const { facts } = input;
  const amount = facts.amount?.value;
  if (amount !== undefined && (!Number.isFinite(amount) || amount < 0)) {
    return { kind: "refuse", reason: `the amount ${String(amount)} is not a valid amount` };
  }
  if (facts.recipients.length === 0 && facts.category !== "social_post" && facts.category !== "accounting") {
    return { kind: "refuse", reason: `a ${facts.category} action needs a recipient` };
  }

  const risks = new Set<Risk>();
  const reasons: string[] = [];
  if (!input.handbookReadable) {
    risks.add("handbook_unreadable");
    reasons.push("the Handbook could not be read, so everything needs a person");
  }
  if (input.origin === "outside_client") {
    risks.add("outside_client");
    reasons.push("requested by an MCP client without an approval");
  }
  if (input.untrustedFields.length > 0) {
    risks.add("from_untrusted_content");
    reasons.push(`${input.untrustedFields.join(", ")} came from untrusted content`);
  }

  const name = RULE_FOR[facts.category];
  const rule = name === undefined ? undefined : handbook.rules[name];
  const unknown = facts.recipients.filter((recipient) => !input.isKnown(recipient));
  if (unknown.length > 0 && facts.category !== "social_post") {
    risks.add(facts.category === "payment" ? "new_payee" : "new_contact");
    reasons.push(`${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not a known contact`);
  }
  const count = facts.count ?? facts.recipients.length;
  if (count > 1 && (facts.category === "email" || facts.category === "message")) {
    risks.add("bulk_send");
    reasons.push(`sends to ${count} recipients`);
  }
  if (rule?.alwaysOver !== undefined && amount !== undefined && amount > rule.alwaysOver) {
    risks.add("over_limit");
    reasons.push(`${amount} is over the ${rule.alwaysOver} that always needs a person`);
  }
  if (facts.category === "social_reply") {
    risks.add("reply_or_dm");
    reasons.push("replies and direct messages always need a person");
  }
  if (facts.category === "invoice") {
    risks.add("invoice");
    reasons.push("invoices always need a person");
  }

  const unmet =
    rule === undefined
      ? ["the Handbook has no auto-approve rule for this action"]
      : unmetConditions(rule, facts, unknown.length);
  if (risks.size === 0 && unmet.length === 0) {
    return { kind: "allow", rule: `Company_Handbook.md: ${name ?? facts.category} auto-approve rule` };
  }
  if (unmet.length > 0) {
    risks.add("not_auto_approved");
    reasons.push(...unmet);
  }
  return { kind: "needs_approval", reasons, risks: [...risks] };
}

function unmetConditions(rule: ApprovalRule, facts: ActionFacts, unknownCount: number): string[] {
  if (!rule.enabled) return ["auto-approval for this action is switched off in the Handbook"];
  const unmet: string[] = [];
  const amount = facts.amount?.value;
  if (rule.requireKnown && unknownCount > 0) unmet.push("auto-approval needs a known recipient");
  if (rule.requireRecurring && facts.recurring !== true)
    unmet.push("auto-approval needs a recurring payment");
  if (rule.requireScheduled && facts.scheduled !== true) unmet.push("auto-approval needs a scheduled post");
  if (rule.autoUnder !== undefined && (amount === undefined || amount >= rule.autoUnder)) {
    unmet.push(`auto-approval needs an amount under ${rule.autoUnder}`);
  }
  return unmet;
}
