/**
 * @module Odoo search domains as the ORM reads them: a list in Polish (prefix) notation of `&`, `|`,
 * `!` and leaves `[field, operator, value]`, with an implicit `&` between consecutive terms. Leaves may
 * follow a many2one (`partner_id.name`). Unknown fields and operators fail like Odoo's (ValueError).
 */
import { valueError } from "./odoo-exception.js";

export type Leaf = [string, string, unknown];
export type DomainTree =
  { and: DomainTree[] } | { or: DomainTree[] } | { not: DomainTree } | { leaf: Leaf } | { constant: boolean };

const OPERATORS = new Set([
  "=",
  "!=",
  "<",
  "<=",
  ">",
  ">=",
  "in",
  "not in",
  "like",
  "ilike",
  "not like",
  "not ilike",
  "=like",
  "=ilike",
]);

export function parseDomain(domain: unknown): DomainTree {
  if (domain === undefined || domain === null || domain === false) return { constant: true };
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${JSON.stringify(domain)}`);
  const stack: DomainTree[] = [];
  for (let index = domain.length - 1; index >= 0; index -= 1) {
    const term: unknown = domain[index];
    if (term === "&" || term === "|") {
      const first = stack.pop();
      const second = stack.pop();
      if (!first || !second)
        throw valueError(`Invalid domain ${JSON.stringify(domain)}: '${term}' needs two terms`);
      stack.push(term === "&" ? { and: [first, second] } : { or: [first, second] });
    } else if (term === "!") {
      const operand = stack.pop();
      if (!operand) throw valueError(`Invalid domain ${JSON.stringify(domain)}: '!' needs a term`);
      stack.push({ not: operand });
    } else if (Array.isArray(term) && term.length === 3) {
      const [field, operator, value] = term as [unknown, unknown, unknown];
      if (field === 1 && operator === "=" && value === 1) stack.push({ constant: true });
      else if (field === 0 && operator === "=" && value === 1) stack.push({ constant: false });
      else {
        if (
          typeof field !== "string" ||
          typeof operator !== "string" ||
          !OPERATORS.has(operator.toLowerCase())
        ) {
          throw valueError(`Invalid leaf ${JSON.stringify(term)}`);
        }
        stack.push({ leaf: [field, operator.toLowerCase(), value] });
      }
    } else {
      throw valueError(`Invalid leaf ${JSON.stringify(term)}`);
    }
  }
  return stack.length === 1 ? (stack[0] as DomainTree) : { and: stack.reverse() };
}

export function domainFields(tree: DomainTree): string[] {
  if ("and" in tree) return tree.and.flatMap(domainFields);
  if ("or" in tree) return tree.or.flatMap(domainFields);
  if ("not" in tree) return domainFields(tree.not);
  if ("leaf" in tree) return [tree.leaf[0]];
  return [];
}

/** `leafMatches` decides one leaf for one record; the tree's logic is decided here. */
export function evaluateDomain(tree: DomainTree, leafMatches: (leaf: Leaf) => boolean): boolean {
  if ("and" in tree) return tree.and.every((child) => evaluateDomain(child, leafMatches));
  if ("or" in tree) return tree.or.some((child) => evaluateDomain(child, leafMatches));
  if ("not" in tree) return !evaluateDomain(tree.not, leafMatches);
  if ("leaf" in tree) return leafMatches(tree.leaf);
  return tree.constant;
}

/** SQL LIKE on one value: `%` any run, `_` one character; `like`/`ilike` match anywhere. */
export function likeMatches(operator: string, candidate: string, pattern: string): boolean {
  const anywhere =
    operator === "like" || operator === "ilike" || operator === "not like" || operator === "not ilike";
  const insensitive = operator.includes("ilike");
  const body = pattern
    .replace(/[.*+?^${}()[\]\\]/g, "\\$&")
    .replace(/%/g, ".*")
    .replace(/_/g, ".");
  const regex = new RegExp(anywhere ? body : `^${body}$`, insensitive ? "is" : "s");
  return regex.test(candidate);
}

/** Odoo compares with Python's rules: `False` never orders against a value. */
export function compare(operator: string, left: unknown, right: unknown): boolean {
  if (left === false || left === null || left === undefined) return false;
  if (typeof left === "number" && typeof right === "number") return ordered(operator, left - right);
  if (typeof left === "string" && typeof right === "string")
    return ordered(operator, left < right ? -1 : left > right ? 1 : 0);
  return false;
}

function ordered(operator: string, difference: number): boolean {
  switch (operator) {
    case "<":
      return difference < 0;
    case "<=":
      return difference <= 0;
    case ">":
      return difference > 0;
    default:
      return difference >= 0;
  }
}
