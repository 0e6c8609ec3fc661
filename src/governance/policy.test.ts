import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { ActionFacts } from "./action-facts.js";
import type { Decision, Risk } from "./decision.js";
import { findContact, parseHandbook, type Handbook } from "./handbook.js";
import { decide, type PolicyInput } from "./policy.js";

const TEMPLATE = await readFile(
  new URL("../../templates/vault/Company_Handbook.md", import.meta.url),
  "utf8",
);
/** The template as a person leaves it after switching every auto-approve row on. */
const ENABLED = TEMPLATE.replace(/^(\|.*\| )no( \|)$/gm, "$1yes$2");

const template = parseHandbook(TEMPLATE);
const enabled = parseHandbook(ENABLED);
const unreadable = parseHandbook("Handbook? What handbook.");

const KNOWN = "ana@client-a.example";
const KNOWN_2 = "ben@client-b.example";
const KNOWN_PHONE = "+15550100001";
const STRANGER = "mallory@evil.example";

function usd(value: number) {
  return { value, currency: "USD" };
}

interface Case {
  name: string;
  facts: Omit<ActionFacts, "summary">;
  /** With every row enabled: "allow", or the risks a person is asked about. */
  enabled: "allow" | Risk[];
  /** Under the template (every row off) the risks are these plus "not_auto_approved". */
  template?: Risk[];
}

const CASES: Case[] = [
  // Email replies: known contacts may go; new contacts and bulk sends need a person.
  {
    name: "an email reply to a known contact",
    facts: { category: "email", recipients: [KNOWN] },
    enabled: "allow",
  },
  {
    name: "an email to a new contact",
    facts: { category: "email", recipients: [STRANGER] },
    enabled: ["new_contact", "not_auto_approved"],
    template: ["new_contact"],
  },
  {
    name: "a bulk send to two known contacts",
    facts: { category: "email", recipients: [KNOWN, KNOWN_2] },
    enabled: ["bulk_send"],
    template: ["bulk_send"],
  },
  {
    name: "one email counted as a bulk send",
    facts: { category: "email", recipients: [KNOWN], count: 25 },
    enabled: ["bulk_send"],
    template: ["bulk_send"],
  },
  // WhatsApp replies.
  {
    name: "a WhatsApp reply to a known contact",
    facts: { category: "message", recipients: [KNOWN_PHONE] },
    enabled: "allow",
  },
  {
    name: "a WhatsApp message to a new number",
    facts: { category: "message", recipients: ["+15559999999"] },
    enabled: ["new_contact", "not_auto_approved"],
    template: ["new_contact"],
  },
  // Payments: recurring under $50 may go; new payees and over $100 need a person; between is not allowed.
  {
    name: "a recurring payment of $49.99 to a known payee",
    facts: { category: "payment", recipients: [KNOWN], amount: usd(49.99), recurring: true },
    enabled: "allow",
  },
  {
    name: "a recurring payment of $50",
    facts: { category: "payment", recipients: [KNOWN], amount: usd(50), recurring: true },
    enabled: ["not_auto_approved"],
    template: [],
  },
  {
    name: "a recurring payment of $75 (not explicitly allowed)",
    facts: { category: "payment", recipients: [KNOWN], amount: usd(75), recurring: true },
    enabled: ["not_auto_approved"],
    template: [],
  },
  {
    name: "a recurring payment of $100",
    facts: { category: "payment", recipients: [KNOWN], amount: usd(100), recurring: true },
    enabled: ["not_auto_approved"],
    template: [],
  },
  {
    name: "a recurring payment of $100.01",
    facts: { category: "payment", recipients: [KNOWN], amount: usd(100.01), recurring: true },
    enabled: ["over_limit", "not_auto_approved"],
    template: ["over_limit"],
  },
  {
    name: "a one-off payment of $20",
    facts: { category: "payment", recipients: [KNOWN], amount: usd(20) },
    enabled: ["not_auto_approved"],
    template: [],
  },
  {
    name: "a recurring payment of $10 to a new payee",
    facts: { category: "payment", recipients: [STRANGER], amount: usd(10), recurring: true },
    enabled: ["new_payee", "not_auto_approved"],
    template: ["new_payee"],
  },
  {
    name: "a payment with no amount",
    facts: { category: "payment", recipients: [KNOWN], recurring: true },
    enabled: ["not_auto_approved"],
    template: [],
  },
  // Social: scheduled posts may go; replies and DMs need a person.
  {
    name: "a scheduled post",
    facts: { category: "social_post", recipients: [], scheduled: true },
    enabled: "allow",
  },
  {
    name: "a post that is not scheduled",
    facts: { category: "social_post", recipients: [] },
    enabled: ["not_auto_approved"],
    template: [],
  },
  {
    name: "a reply to a mention",
    facts: { category: "social_reply", recipients: ["@someone"], scheduled: true },
    enabled: ["new_contact", "reply_or_dm"],
    template: ["new_contact", "reply_or_dm"],
  },
  // Accounting: entries under $100 may go; invoices and over $500 need a person.
  {
    name: "an accounting entry of $99.99",
    facts: { category: "accounting", recipients: [], amount: usd(99.99) },
    enabled: "allow",
  },
  {
    name: "an accounting entry of $100",
    facts: { category: "accounting", recipients: [], amount: usd(100) },
    enabled: ["not_auto_approved"],
    template: [],
  },
  {
    name: "an accounting entry of $500",
    facts: { category: "accounting", recipients: [], amount: usd(500) },
    enabled: ["not_auto_approved"],
    template: [],
  },
  {
    name: "an accounting entry of $500.01",
    facts: { category: "accounting", recipients: [], amount: usd(500.01) },
    enabled: ["over_limit", "not_auto_approved"],
    template: ["over_limit"],
  },
  {
    name: "an invoice of $10 to a known client",
    facts: { category: "invoice", recipients: [KNOWN], amount: usd(10) },
    enabled: ["invoice"],
    template: ["invoice"],
  },
  // Not in the table at all.
  {
    name: "a form submitted in a payment portal",
    facts: { category: "browser_submit", recipients: ["pay.example.com"] },
    enabled: ["new_contact", "not_auto_approved"],
    template: ["new_contact"],
  },
];

function policyInput(
  facts: Case["facts"],
  handbook: Handbook,
  overrides: Partial<PolicyInput> = {},
): PolicyInput {
  return {
    facts: { ...facts, summary: "test" },
    origin: "employee",
    untrustedFields: [],
    isKnown: (recipient) => findContact(handbook, recipient) !== undefined,
    handbookReadable: true,
    ...overrides,
  };
}

function risksOf(decision: Decision): Risk[] | "allow" | "refuse" {
  if (decision.kind === "allow") return "allow";
  if (decision.kind === "refuse") return "refuse";
  return [...decision.risks].sort();
}

describe("the policy with every Handbook row enabled", () => {
  it("reads the enabled Handbook with no problems", () => {
    expect(enabled.problems).toEqual([]);
    expect(Object.values(enabled.handbook.rules).every((rule) => rule.enabled)).toBe(true);
  });

  it.each(CASES)("$name", ({ facts, enabled: expected }) => {
    const decision = decide(enabled.handbook, policyInput(facts, enabled.handbook));
    expect(risksOf(decision)).toEqual(expected === "allow" ? "allow" : [...expected].sort());
    if (decision.kind === "needs_approval")
      expect(decision.reasons.length).toBeGreaterThanOrEqual(decision.risks.length);
  });

  it("names the Handbook rule that allowed an action", () => {
    expect(
      decide(
        enabled.handbook,
        policyInput(
          { category: "payment", recipients: [KNOWN], amount: usd(10), recurring: true },
          enabled.handbook,
        ),
      ),
    ).toEqual({
      kind: "allow",
      rule: "Company_Handbook.md: payment auto-approve rule",
    });
  });
});

describe("the policy with the template Handbook (auto-approval switched off)", () => {
  it.each(CASES)("$name needs a person", ({ facts, template: expected = [] }) => {
    const decision = decide(template.handbook, policyInput(facts, template.handbook));
    expect(decision.kind).toBe("needs_approval");
    expect(risksOf(decision)).toEqual([...new Set([...expected, "not_auto_approved"])].sort());
  });

  it("says the row is switched off", () => {
    const decision = decide(
      template.handbook,
      policyInput({ category: "email", recipients: [KNOWN] }, template.handbook),
    );
    expect(decision).toEqual({
      kind: "needs_approval",
      risks: ["not_auto_approved"],
      reasons: ["auto-approval for this action is switched off in the Handbook"],
    });
  });
});

describe("what no Handbook row can allow", () => {
  const allowed: Case["facts"] = {
    category: "payment",
    recipients: [KNOWN],
    amount: usd(10),
    recurring: true,
  };

  it("never auto-approves a value that came from untrusted content, and says which", () => {
    const decision = decide(
      enabled.handbook,
      policyInput(allowed, enabled.handbook, { untrustedFields: ["payee", "amount"] }),
    );
    expect(decision.kind).toBe("needs_approval");
    expect(risksOf(decision)).toEqual(["from_untrusted_content"]);
    expect(decision.kind === "needs_approval" && decision.reasons[0]).toBe(
      "payee, amount came from untrusted content",
    );
  });

  it("always asks a person for a call from an outside MCP client", () => {
    for (const { facts } of CASES.filter((item) => item.enabled === "allow")) {
      expect(
        risksOf(decide(enabled.handbook, policyInput(facts, enabled.handbook, { origin: "outside_client" }))),
      ).toEqual(["outside_client"]);
    }
  });

  it("asks a person for everything when the Handbook is unreadable", () => {
    expect(unreadable.problems.length).toBeGreaterThan(0);
    for (const { facts } of CASES) {
      const decision = decide(
        unreadable.handbook,
        policyInput(facts, unreadable.handbook, { handbookReadable: false }),
      );
      expect(decision.kind).toBe("needs_approval");
      expect(decision.kind === "needs_approval" && decision.risks).toContain("handbook_unreadable");
    }
    // Even with enabled rules in hand, an unreadable page wins.
    expect(
      risksOf(decide(enabled.handbook, policyInput(allowed, enabled.handbook, { handbookReadable: false }))),
    ).toEqual(["handbook_unreadable"]);
  });

  it("lists every risk that applies at once", () => {
    const decision = decide(
      enabled.handbook,
      policyInput({ category: "payment", recipients: [STRANGER], amount: usd(250) }, enabled.handbook, {
        origin: "outside_client",
        untrustedFields: ["amount"],
      }),
    );
    expect(risksOf(decision)).toEqual([
      "from_untrusted_content",
      "new_payee",
      "not_auto_approved",
      "outside_client",
      "over_limit",
    ]);
  });
});

describe("what the policy refuses", () => {
  it.each([
    ["a negative amount", -5],
    ["a NaN amount", Number.NaN],
    ["an infinite amount", Number.POSITIVE_INFINITY],
  ])("refuses %s", (_name, value) => {
    const decision = decide(
      enabled.handbook,
      policyInput(
        { category: "payment", recipients: [KNOWN], amount: usd(value), recurring: true },
        enabled.handbook,
      ),
    );
    expect(decision.kind).toBe("refuse");
    expect(decision.kind === "refuse" && decision.reason).toMatch(/is not a valid amount/);
  });

  it("refuses a message with no recipient", () => {
    expect(
      decide(enabled.handbook, policyInput({ category: "email", recipients: [] }, enabled.handbook)),
    ).toEqual({ kind: "refuse", reason: "a email action needs a recipient" });
  });

  it("accepts a zero amount as an amount", () => {
    expect(
      decide(
        enabled.handbook,
        policyInput({ category: "accounting", recipients: [], amount: usd(0) }, enabled.handbook),
      ).kind,
    ).toBe("allow");
  });
});
