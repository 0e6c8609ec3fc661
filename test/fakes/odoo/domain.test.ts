import { describe, expect, it } from "vitest";
import { evaluateDomain, likeMatches, parseDomain, type Leaf } from "./domain.js";

/** Leaves of the form [name, "=", true/false] decided by a fixed table, to check the tree's logic. */
function decide(domain: unknown[], truth: Record<string, boolean>): boolean {
  return evaluateDomain(parseDomain(domain), ([name]: Leaf) => truth[name] ?? false);
}

describe("the fake's domains (Polish notation)", () => {
  it("joins consecutive terms with an implicit &", () => {
    expect(
      decide(
        [
          ["a", "=", 1],
          ["b", "=", 1],
        ],
        { a: true, b: false },
      ),
    ).toBe(false);
    expect(
      decide(
        [
          ["a", "=", 1],
          ["b", "=", 1],
        ],
        { a: true, b: true },
      ),
    ).toBe(true);
  });

  it("applies |, & and ! to the terms that follow", () => {
    expect(decide(["|", ["a", "=", 1], ["b", "=", 1]], { b: true })).toBe(true);
    expect(decide(["!", ["a", "=", 1]], { a: true })).toBe(false);
    // a AND (b OR c)
    expect(decide([["a", "=", 1], "|", ["b", "=", 1], ["c", "=", 1]], { a: true, c: true })).toBe(true);
    expect(decide([["a", "=", 1], "|", ["b", "=", 1], ["c", "=", 1]], { b: true, c: true })).toBe(false);
    // (a AND b) OR c
    expect(decide(["|", "&", ["a", "=", 1], ["b", "=", 1], ["c", "=", 1]], { c: true })).toBe(true);
  });

  it("rejects what Odoo rejects", () => {
    expect(() => parseDomain(["|", ["a", "=", 1]])).toThrow(/needs two terms/);
    expect(() => parseDomain([["a", "~", 1]])).toThrow(/Invalid leaf/);
  });

  it("matches like and ilike as SQL does", () => {
    expect(likeMatches("ilike", "Deco Addict", "deco")).toBe(true);
    expect(likeMatches("like", "Deco Addict", "deco")).toBe(false);
    expect(likeMatches("=ilike", "ana@acme.example", "ANA@ACME.EXAMPLE")).toBe(true);
    expect(likeMatches("=ilike", "ana@acme.example.org", "ana@acme.example")).toBe(false);
  });
});
