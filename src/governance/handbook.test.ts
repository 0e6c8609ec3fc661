import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { findContact, parseHandbook, SAFE_DEFAULT } from "./handbook.js";

const TEMPLATE = await readFile(
  new URL("../../templates/vault/Company_Handbook.md", import.meta.url),
  "utf8",
);

/** The template with its Approval Thresholds table replaced. */
function withThresholds(table: string): string {
  return TEMPLATE.replace(/\| Action \| Auto-Approve When[\s\S]*?\n\n/, `${table}\n\n`);
}

describe("parseHandbook on the template", () => {
  const { handbook, problems } = parseHandbook(TEMPLATE);

  it("reads with no problems", () => {
    expect(problems).toEqual([]);
  });

  it("reads the contacts", () => {
    expect(handbook.contacts.map((contact) => [contact.email, contact.phone, contact.domain])).toEqual([
      ["ana@client-a.example", "+15550100001", "business"],
      ["ben@client-b.example", "+15550100002", "business"],
      ["sam@family.example", "+15550100003", "personal"],
    ]);
  });

  it("reads the seed's rules, every one switched off", () => {
    expect(Object.values(handbook.rules).every((rule) => !rule.enabled)).toBe(true);
    expect(handbook.rules.email).toMatchObject({ requireKnown: true, noBulk: true });
    expect(handbook.rules.message).toMatchObject({ requireKnown: true });
    expect(handbook.rules.payment).toMatchObject({
      requireKnown: true,
      requireRecurring: true,
      autoUnder: 50,
      alwaysOver: 100,
    });
    expect(handbook.rules.social).toMatchObject({ requireScheduled: true, noReplies: true });
    expect(handbook.rules.accounting).toMatchObject({ autoUnder: 100, alwaysOver: 500, noInvoices: true });
  });

  it("reads the rate limits, expiry, keywords and payment portals", () => {
    expect(handbook.ratePerHour).toEqual({ email: 10, message: 10, payment: 3, social: 5 });
    expect(handbook.expiryHours).toEqual({ default: 24, payment: 4, social: 48 });
    expect(handbook.priorityKeywords.high).toContain("urgent");
    expect(handbook.priorityKeywords.low).toContain("newsletter");
    expect(handbook.paymentPortals).toEqual(["pay.example.com"]);
    expect(handbook.rulesOfEngagement).toMatch(/^- Be polite/);
  });

  it("finds contacts by address or phone in any format", () => {
    expect(findContact(handbook, " ANA@client-a.example ")?.name).toMatch(/^Ana/);
    expect(findContact(handbook, "+1 (555) 010-0002")?.name).toMatch(/^Ben/);
    expect(findContact(handbook, "mallory@evil.example")).toBeUndefined();
    expect(findContact(handbook, "0002")).toBeUndefined();
  });
});

describe("parseHandbook on a person's edits", () => {
  it("reads a table with missing outer pipes, an extra column and uppercase YES", () => {
    const { handbook, problems } = parseHandbook(
      withThresholds(
        [
          "Action | Auto-Approve When | Always Require Approval | Enabled | Who asked",
          "--- | --- | --- | --- | ---",
          "Email replies | To known contacts | New contacts, bulk sends | YES | me",
          "Payments |  Recurring;  under $50.00  | New payees and over $100 | Yes",
          "Social media | Scheduled posts | Replies and DMs | On | ",
          "Accounting entries | Under $1,000 | All invoices, over $5,000 | no | ",
        ].join("\n"),
      ),
    );
    expect(problems).toEqual([]);
    expect(handbook.rules.email).toMatchObject({ enabled: true, requireKnown: true, noBulk: true });
    expect(handbook.rules.payment).toMatchObject({
      enabled: true,
      requireRecurring: true,
      requireKnown: true,
      autoUnder: 50,
      alwaysOver: 100,
    });
    expect(handbook.rules.social).toMatchObject({ enabled: true, requireScheduled: true, noReplies: true });
    expect(handbook.rules.accounting).toMatchObject({ enabled: false, autoUnder: 1000, alwaysOver: 5000 });
    // The row a person removed (WhatsApp) keeps the safe default.
    expect(handbook.rules.message).toEqual(SAFE_DEFAULT.rules.message);
  });

  it("disables a row whose condition it cannot read, and says which row and what to fix", () => {
    const { handbook, problems } = parseHandbook(
      withThresholds(
        [
          "| Action | Auto-Approve When | Always Require Approval | Enabled |",
          "| --- | --- | --- | --- |",
          "| Email replies | When the moon is full | New contacts | yes |",
          "| Payments | Recurring, under $50 | Whenever Bob is away | yes |",
          "| Social media | Scheduled posts | Replies | maybe |",
          "| Faxes | Always | | yes |",
        ].join("\n"),
      ),
    );
    expect(handbook.rules.email.enabled).toBe(false);
    expect(handbook.rules.payment.enabled).toBe(false);
    expect(handbook.rules.social.enabled).toBe(false);
    expect(problems).toEqual([
      expect.stringMatching(
        /row "Email replies": cannot read the auto-approve condition "when the moon is full"/,
      ),
      expect.stringMatching(
        /row "Payments": cannot read the always-require-approval condition "whenever bob is away"/,
      ),
      expect.stringMatching(/row "Social media": "Enabled" must be yes or no \(found "maybe"\)/),
      expect.stringMatching(
        /row "Faxes": unknown action \(use Email, WhatsApp, Payments, Social or Accounting\)/,
      ),
    ]);
  });

  it("reports missing tables and falls back to safe defaults", () => {
    const { handbook, problems } = parseHandbook("# Company Handbook\n\nWe are nice.\n");
    expect(problems).toEqual([
      expect.stringMatching(/"## Known Contacts" table is missing/),
      expect.stringMatching(
        /"## Approval Thresholds" table is missing or empty, so everything needs a person/,
      ),
    ]);
    expect(handbook).toEqual(SAFE_DEFAULT);
    expect(Object.values(handbook.rules).every((rule) => !rule.enabled)).toBe(true);
  });

  it("reports unreadable rate-limit and expiry rows and keeps their defaults", () => {
    const text = TEMPLATE.replace("| Payments | 3 |", "| Payments | a few |").replace(
      "| Payments | 4 hours |",
      "| Payments | soon |",
    );
    const { handbook, problems } = parseHandbook(text);
    expect(handbook.ratePerHour.payment).toBe(3);
    expect(handbook.expiryHours.payment).toBe(4);
    expect(problems).toEqual([
      expect.stringMatching(/Rate Limits: cannot read the row "Payments \| a few"/),
      expect.stringMatching(/Approval Expiry: cannot read the time for "payments"/),
    ]);
  });

  it("reads expiry in days and minutes", () => {
    const text = TEMPLATE.replace("| Payments | 4 hours |", "| Payments | 30 minutes |").replace(
      "| Social media | 48 hours |",
      "| Social media | 3 days |",
    );
    expect(parseHandbook(text).handbook.expiryHours).toEqual({ default: 24, payment: 0.5, social: 72 });
  });

  it("keeps only host names in the payment portal list", () => {
    const text = TEMPLATE.replace(
      "- pay.example.com",
      "- `Pay.Example.com`\n- *.bank.test\n- javascript:alert(1)\n- two words",
    );
    expect(parseHandbook(text).handbook.paymentPortals).toEqual(["pay.example.com", "*.bank.test"]);
  });
});
