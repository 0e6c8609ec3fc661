/**
 * @module Amounts for people: two decimals with thousands separators (`1,500.00`), the currency code
 * written beside it rather than a symbol, since one business invoices in several currencies.
 */

export function formatMoney(value: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
