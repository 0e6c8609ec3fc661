/**
 * @module `Business_Goals.md` read by code: the monthly revenue target, the key metrics, the subscription
 * audit rules and the active projects. A person edits this page, so the reader is tolerant (tables or
 * `- Label: value` lines, `$10,000` or `10000 USD`, headings that start with the expected words) and says
 * what it could not read instead of failing.
 */
import { parseList, parseTable, section, type TableRow } from "../vault/markdown-table.js";

export interface MoneyTarget {
  amount: number;
  currency: string | undefined;
}

export interface GoalMetric {
  metric: string;
  target: string;
  alertThreshold: string;
}

export interface AuditRules {
  /** "No use in 30 days": not knowable from bills; kept so the briefing can say so. */
  unusedDays: number | undefined;
  /** "Cost increased more than 20%". */
  costIncreasePercent: number | undefined;
  /** "Duplicate functionality with another tool". */
  duplicates: boolean;
  /** Rules in the list the code does not understand, quoted back to the person. */
  notUnderstood: string[];
}

export interface BusinessGoals {
  monthlyRevenueTarget: MoneyTarget | undefined;
  metrics: GoalMetric[];
  auditRules: AuditRules;
  /** Vendor name (lower case) → category, from an optional `## Subscriptions` table (Vendor | Category). */
  categories: Map<string, string>;
  activeProjects: string[];
  problems: string[];
}

/** The seed's rules, used when the page has no "Subscription Audit Rules" list. */
const DEFAULT_RULES: AuditRules = {
  unusedDays: 30,
  costIncreasePercent: 20,
  duplicates: true,
  notUnderstood: [],
};

const SYMBOLS: Record<string, string> = { $: "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR" };

/** `$10,000`, `10000 USD`, `EUR 2.5k` → amount and currency (when written). */
export function parseMoney(text: string): MoneyTarget | undefined {
  const number = /(\d[\d,]*(?:\.\d+)?)\s*(k\b)?/i.exec(text);
  if (!number) return undefined;
  const amount = Number(number[1]!.replace(/,/g, "")) * (number[2] ? 1_000 : 1);
  if (!Number.isFinite(amount)) return undefined;
  const code = /\b([A-Z]{3})\b/.exec(text)?.[1];
  const symbol = /[$€£¥₹]/.exec(text)?.[0];
  return { amount, currency: code ?? (symbol ? SYMBOLS[symbol] : undefined) };
}

function column(row: TableRow, ...words: string[]): string {
  const key = Object.keys(row).find((name) => words.some((word) => name.includes(word)));
  return key === undefined ? "" : (row[key] ?? "");
}

function revenueTarget(markdown: string, problems: string[]): MoneyTarget | undefined {
  const text = section(markdown, "Revenue") ?? "";
  for (const row of parseTable(text)) {
    const metric = column(row, "metric", "goal", "name").toLowerCase();
    if (!/month/.test(metric) || !/revenue|income|sales|goal/.test(metric)) continue;
    const money = parseMoney(column(row, "target", "goal", "amount", "value"));
    if (!money) continue;
    const currency = column(row, "currency").trim().toUpperCase();
    return { amount: money.amount, currency: /^[A-Z]{3}$/.test(currency) ? currency : money.currency };
  }
  // The seed's own format: "- Monthly goal: $10,000".
  for (const line of text.split(/\r?\n/)) {
    const match = /month[^:\n]*(?:goal|target)[^:\n]*:\s*(.+)$/i.exec(line);
    const money = match ? parseMoney(match[1]!) : undefined;
    if (money) return money;
  }
  problems.push(
    'Business_Goals.md: no monthly revenue target found (a "Monthly revenue" row in the Revenue table)',
  );
  return undefined;
}

function auditRules(markdown: string): AuditRules {
  const text = section(markdown, "Subscription Audit");
  if (text === undefined) return { ...DEFAULT_RULES, notUnderstood: [] };
  const rules: AuditRules = {
    unusedDays: undefined,
    costIncreasePercent: undefined,
    duplicates: false,
    notUnderstood: [],
  };
  for (const item of parseList(text)) {
    const unused = /no (?:use|usage|login)[^\d]*(\d+)\s*days?/i.exec(item);
    const increase = /(?:cost|price)[^\d]*(\d+(?:\.\d+)?)\s*%/i.exec(item);
    if (unused) rules.unusedDays = Number(unused[1]);
    else if (increase) rules.costIncreasePercent = Number(increase[1]);
    else if (/duplicate|overlap/i.test(item)) rules.duplicates = true;
    else rules.notUnderstood.push(item);
  }
  return rules;
}

function categories(markdown: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of parseTable(section(markdown, "Subscriptions") ?? "")) {
    const vendor = column(row, "vendor", "tool", "name", "service").trim().toLowerCase();
    const category = column(row, "category", "kind", "function", "purpose").trim();
    if (vendor && category) map.set(vendor, category);
  }
  return map;
}

export function readBusinessGoals(markdown: string | undefined): BusinessGoals {
  const problems: string[] = [];
  if (markdown === undefined) {
    return {
      monthlyRevenueTarget: undefined,
      metrics: [],
      auditRules: { ...DEFAULT_RULES, notUnderstood: [] },
      categories: new Map(),
      activeProjects: [],
      problems: ["Business_Goals.md is missing: run `ai-employee init` to restore the template"],
    };
  }
  const metrics = parseTable(section(markdown, "Key Metrics") ?? "")
    .map((row) => ({
      metric: column(row, "metric", "name"),
      target: column(row, "target", "goal"),
      alertThreshold: column(row, "alert", "threshold"),
    }))
    .filter((metric) => metric.metric !== "");
  return {
    monthlyRevenueTarget: revenueTarget(markdown, problems),
    metrics,
    auditRules: auditRules(markdown),
    categories: categories(markdown),
    activeProjects: parseList(section(markdown, "Active Projects") ?? ""),
    problems,
  };
}
