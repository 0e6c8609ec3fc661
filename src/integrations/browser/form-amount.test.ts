import { describe, expect, it } from "vitest";
import { amountFromFields, parseAmount } from "./form-amount.js";

describe("the amount of a form", () => {
  it("parses the ways people write amounts", () => {
    expect(parseAmount("120")).toBe(120);
    expect(parseAmount("1,234.56")).toBe(1234.56);
    expect(parseAmount("1.234,56")).toBe(1234.56);
    expect(parseAmount("1 234,5")).toBe(1234.5);
    expect(parseAmount("12,50")).toBe(12.5);
    expect(parseAmount("1,250")).toBe(1250);
    expect(parseAmount("€ 99.90")).toBe(99.9);
    expect(parseAmount("120.00 EUR")).toBe(120);
    expect(parseAmount("INV-7")).toBeUndefined();
    expect(parseAmount("")).toBeUndefined();
  });

  it("reads the amount from a field named like one, with its currency", () => {
    expect(amountFromFields([{ label: "Amount", value: "€120" }])).toEqual({ value: 120, currency: "EUR" });
    expect(amountFromFields([{ label: "Total (USD)", value: "1,500.00" }])).toEqual({
      value: 1500,
      currency: "USD",
    });
    expect(
      amountFromFields([
        { label: "Currency", value: "gbp" },
        { selector: "#amount", value: "75" },
      ]),
    ).toEqual({ value: 75, currency: "GBP" });
    expect(amountFromFields([{ label: "Amount", value: "40" }])).toEqual({ value: 40, currency: "XXX" });
  });

  it("never takes a year or a reference for an amount, and takes the largest of several", () => {
    expect(
      amountFromFields([
        { label: "Year", value: "2025" },
        { label: "Reference", value: "4711" },
      ]),
    ).toBeUndefined();
    expect(
      amountFromFields([
        { label: "Amount", value: "100 EUR" },
        { label: "Total", value: "119 EUR" },
      ]),
    ).toEqual({ value: 119, currency: "EUR" });
  });
});
