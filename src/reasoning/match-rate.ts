/**
 * @module Pricing from `Accounting/Rates.md` only: which service a message asks for and how many units.
 * The employee never invents a price; when no rate matches, a person decides.
 */
import type { Rate } from "./reasoner.js";

export interface PricedLine {
  rate: Rate;
  quantity: number;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 2);
}

/** A rate matches when every significant word of its service name appears in the text. */
export function matchRate(text: string, rates: readonly Rate[]): PricedLine | undefined {
  const present = new Set(words(text));
  const singular = new Set([...present].map((word) => word.replace(/s$/, "")));
  const matches = rates.filter((rate) => {
    const needed = words(rate.service);
    return (
      needed.length > 0 && needed.every((word) => present.has(word) || singular.has(word.replace(/s$/, "")))
    );
  });
  // The most specific service (most words) wins: "website maintenance" over "website".
  const rate = matches.sort((a, b) => words(b.service).length - words(a.service).length)[0];
  if (!rate) return undefined;
  const unit = rate.unit.toLowerCase().replace(/s$/, "");
  const quantityPattern = new RegExp(
    String.raw`(\d+(?:\.\d+)?)\s*(?:${unit}s?|${unit.slice(0, 2)}s?)\b`,
    "i",
  );
  const quantity = Number(quantityPattern.exec(text)?.[1] ?? 1);
  return { rate, quantity: quantity > 0 && quantity <= 10_000 ? quantity : 1 };
}
