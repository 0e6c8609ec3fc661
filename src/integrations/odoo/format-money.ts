/**
 * @module Amounts for people: two decimals with thousands separators (`1,500.00`), the currency code
 * written beside it rather than a symbol, since one business invoices in several currencies.
 */

export function formatMoney(value: number): string {
  // By hand: Intl's toLocaleString is slow enough to show in a tool's facts, called for every proposal.
  const [whole = "0", cents = "00"] = Math.abs(value).toFixed(2).split(".");
  return `${value < 0 ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
}
