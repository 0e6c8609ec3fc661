import { describe, expect, it } from "vitest";
import { extractAmounts } from "./extract-amounts.js";

describe("extractAmounts", () => {
  it.each([
    ["Please pay $1,500.00 by Friday", [{ value: 1500, currency: "USD" }]],
    [
      "Total: 200 EUR, plus €50 shipping",
      [
        { value: 200, currency: "EUR" },
        { value: 50, currency: "EUR" },
      ],
    ],
    ["£12.5 for the domain", [{ value: 12.5, currency: "GBP" }]],
    ["USD 3,000 retainer", [{ value: 3000, currency: "USD" }]],
    ["a budget of $2k", [{ value: 2000, currency: "USD" }]],
    ["Rs. 5,000 for the design", [{ value: 5000, currency: "INR" }]],
    ["about 40 dollars", [{ value: 40, currency: "USD" }]],
  ])("reads %s", (text, expected) => {
    expect(extractAmounts(text).map(({ value, currency }) => ({ value, currency }))).toEqual(expected);
  });

  it.each([
    "We worked together in 2025 and 2026.",
    "Invoice INV-2026-0042 is attached",
    "Meeting on 2026-11-30 at 10:30",
    "Call me at +1 555 010 0001",
    "See you on 12/05/2026",
    "Order #12345",
  ])("finds no amount in %s", (text) => {
    expect(extractAmounts(text)).toEqual([]);
  });
});
