/**
 * @module The rules a person keeps in `Company_Handbook.md`, read by code. Every table is optional to
 * the parser but not to safety: a row, table or page that cannot be read is reported as a problem and
 * falls back to the safe default (no auto-approval), never to a permissive guess.
 */
import { parseList, parseTable, section, type TableRow } from "../vault/markdown-table.js";

export type Domain = "personal" | "business";

export interface Contact {
  name: string;
  email: string | undefined;
  phone: string | undefined;
  domain: Domain;
  notes: string;
}

/** One row of the approval table. */
export interface ApprovalRule {
  enabled: boolean;
  /** Auto-approval needs every recipient to be a known contact (or payee). */
  requireKnown: boolean;
  requireRecurring: boolean;
  requireScheduled: boolean;
  /** Auto-approval only strictly under this amount. */
  autoUnder: number | undefined;
  /** Always a person strictly over this amount, whatever else. */
  alwaysOver: number | undefined;
  /** Never auto-approve more than one recipient at once. */
  noBulk: boolean;
  /** Replies and direct messages always need a person (social). */
  noReplies: boolean;
  /** Invoices always need a person (accounting). */
  noInvoices: boolean;
}

export type RuleName = "email" | "message" | "payment" | "social" | "accounting";
export type RateCategory = "email" | "message" | "payment" | "social";

export interface Handbook {
  contacts: Contact[];
  rules: Record<RuleName, ApprovalRule>;
  ratePerHour: Record<RateCategory, number>;
  expiryHours: { default: number; payment: number; social: number };
  priorityKeywords: { high: string[]; low: string[] };
  paymentPortals: string[];
  /** The Rules of Engagement, verbatim, for a model's instructions. */
  rulesOfEngagement: string;
}

export interface HandbookReading {
  handbook: Handbook;
  /** What could not be read, each saying where and how to fix it. Empty when all is well. */
  problems: string[];
}

const DISABLED: ApprovalRule = {
  enabled: false,
  requireKnown: true,
  requireRecurring: false,
  requireScheduled: false,
  autoUnder: undefined,
  alwaysOver: undefined,
  noBulk: true,
  noReplies: true,
  noInvoices: true,
};

export const SAFE_DEFAULT: Handbook = {
  contacts: [],
  rules: { email: DISABLED, message: DISABLED, payment: DISABLED, social: DISABLED, accounting: DISABLED },
  ratePerHour: { email: 10, message: 10, payment: 3, social: 5 },
  expiryHours: { default: 24, payment: 4, social: 48 },
  priorityKeywords: { high: ["urgent", "asap", "invoice", "payment", "help"], low: [] },
  paymentPortals: [],
  rulesOfEngagement: "",
};

function column(row: TableRow, ...names: string[]): string {
  for (const name of names) {
    const key = Object.keys(row).find((candidate) => candidate.startsWith(name));
    if (key !== undefined) return row[key] ?? "";
  }
  return "";
}

function ruleName(action: string): RuleName | undefined {
  const text = action.toLowerCase();
  if (/whatsapp|message/.test(text)) return "message";
  if (/e-?mail/.test(text)) return "email";
  if (/payment/.test(text)) return "payment";
  if (/social|post/.test(text)) return "social";
  if (/accounting|entr/.test(text)) return "accounting";
  return undefined;
}

/** "$1,500.00", "1500 USD", "50" → a number. */
function amountIn(text: string): number | undefined {
  const match = /(\d[\d,]*(?:\.\d+)?)/.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1].replace(/,/g, ""));
}

function readRule(row: TableRow, where: string, problems: string[]): ApprovalRule {
  const rule: ApprovalRule = {
    ...DISABLED,
    requireKnown: false,
    noBulk: false,
    noReplies: false,
    noInvoices: false,
  };
  const enabledCell = column(row, "enabled").toLowerCase();
  if (!["yes", "no", "true", "false", "on", "off"].includes(enabledCell)) {
    problems.push(`${where}: "Enabled" must be yes or no (found "${enabledCell}")`);
    return DISABLED;
  }
  for (const phrase of splitPhrases(column(row, "auto"))) {
    if (/known contact|known payee/.test(phrase)) rule.requireKnown = true;
    else if (/^recurring/.test(phrase)) rule.requireRecurring = true;
    else if (/^scheduled/.test(phrase)) rule.requireScheduled = true;
    else if (/^(under|below|less than|<)/.test(phrase) && amountIn(phrase) !== undefined)
      rule.autoUnder = amountIn(phrase);
    else if (/^(any|always|all)$/.test(phrase)) continue;
    else {
      problems.push(`${where}: cannot read the auto-approve condition "${phrase}"`);
      return DISABLED;
    }
  }
  for (const phrase of splitPhrases(column(row, "always"))) {
    if (/new (contact|payee|recipient)/.test(phrase)) rule.requireKnown = true;
    else if (/bulk/.test(phrase)) rule.noBulk = true;
    else if (/^(over|above|more than|>)/.test(phrase) && amountIn(phrase) !== undefined)
      rule.alwaysOver = amountIn(phrase);
    else if (/repl|dm|direct message/.test(phrase)) rule.noReplies = true;
    else if (/invoice/.test(phrase)) rule.noInvoices = true;
    else if (phrase === "") continue;
    else {
      problems.push(`${where}: cannot read the always-require-approval condition "${phrase}"`);
      return DISABLED;
    }
  }
  rule.enabled = ["yes", "true", "on"].includes(enabledCell);
  return rule;
}

function splitPhrases(cell: string): string[] {
  return (
    cell
      .toLowerCase()
      // A comma inside an amount ("$1,000") is a thousands separator, not a new phrase.
      .split(/(?<!\d),|,(?!\d{3}(?!\d))|;|\band\b/)
      .map((phrase) => phrase.replace(/^\s*to\s+/, "").trim())
      .filter((phrase) => phrase !== "" && phrase !== "-" && phrase !== "—")
  );
}

function hours(text: string): number | undefined {
  const value = amountIn(text);
  if (value === undefined) return undefined;
  return /day/i.test(text) ? value * 24 : /min/i.test(text) ? value / 60 : value;
}

export function parseHandbook(markdown: string): HandbookReading {
  const problems: string[] = [];
  const handbook: Handbook = structuredClone(SAFE_DEFAULT);

  const contactsText = section(markdown, "Known Contacts");
  if (contactsText === undefined)
    problems.push('Company_Handbook.md: the "## Known Contacts" table is missing');
  for (const row of parseTable(contactsText ?? "")) {
    const email = column(row, "email").toLowerCase() || undefined;
    const phone = column(row, "phone").replace(/[^\d+]/g, "") || undefined;
    if (email === undefined && phone === undefined) continue;
    const domain = column(row, "domain").toLowerCase() === "personal" ? "personal" : "business";
    handbook.contacts.push({ name: column(row, "name"), email, phone, domain, notes: column(row, "notes") });
  }

  const approvalText = section(markdown, "Approval Thresholds");
  const approvalRows = parseTable(approvalText ?? "");
  if (approvalRows.length === 0) {
    problems.push(
      'Company_Handbook.md: the "## Approval Thresholds" table is missing or empty, so everything needs a person',
    );
  }
  for (const row of approvalRows) {
    const action = column(row, "action");
    const name = ruleName(action);
    const where = `Company_Handbook.md, Approval Thresholds, row "${action}"`;
    if (name === undefined)
      problems.push(`${where}: unknown action (use Email, WhatsApp, Payments, Social or Accounting)`);
    else handbook.rules[name] = readRule(row, where, problems);
  }

  for (const row of parseTable(section(markdown, "Rate Limits") ?? "")) {
    const name = ruleName(column(row, "action"));
    const limit = amountIn(column(row, "per hour", "max", "limit"));
    if (name === undefined || name === "accounting" || limit === undefined) {
      problems.push(
        `Company_Handbook.md, Rate Limits: cannot read the row "${Object.values(row).join(" | ")}"`,
      );
    } else handbook.ratePerHour[name] = limit;
  }

  for (const row of parseTable(section(markdown, "Approval Expiry") ?? "")) {
    const action = column(row, "action").toLowerCase();
    const value = hours(column(row, "expires", "after"));
    if (value === undefined || value <= 0) {
      problems.push(`Company_Handbook.md, Approval Expiry: cannot read the time for "${action}"`);
      continue;
    }
    if (/payment/.test(action)) handbook.expiryHours.payment = value;
    else if (/social/.test(action)) handbook.expiryHours.social = value;
    else handbook.expiryHours.default = value;
  }

  const keywordRows = parseTable(section(markdown, "Priority Keywords") ?? "");
  if (keywordRows.length > 0) handbook.priorityKeywords = { high: [], low: [] };
  for (const row of keywordRows) {
    const level = column(row, "priority").toLowerCase();
    const words = column(row, "keyword")
      .split(",")
      .map((word) => word.trim().toLowerCase())
      .filter(Boolean);
    if (level === "high" || level === "low") handbook.priorityKeywords[level].push(...words);
  }

  handbook.paymentPortals = parseList(section(markdown, "Payment Portals") ?? "")
    .map((host) => host.replace(/`/g, "").trim().toLowerCase())
    .filter((host) => /^(\*\.)?[a-z0-9.-]+(:\d+)?$/.test(host));
  handbook.rulesOfEngagement = (section(markdown, "Rules of Engagement") ?? "").trim();
  return { handbook, problems };
}

/** The contact an address or phone number belongs to, if it is known. */
export function findContact(handbook: Handbook, address: string): Contact | undefined {
  const wanted = address.trim().toLowerCase();
  const digits = wanted.replace(/[^\d]/g, "");
  return handbook.contacts.find(
    (contact) =>
      (contact.email !== undefined && contact.email === wanted) ||
      (contact.phone !== undefined && digits.length >= 7 && contact.phone.replace(/[^\d]/g, "") === digits),
  );
}
