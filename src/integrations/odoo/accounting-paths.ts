/**
 * @module Where the vault's books live, relative to the vault root (the seed's `Accounting/` layout).
 */

export const INVOICES_FOLDER = "Accounting/Invoices";
export const PAYMENTS_FOLDER = "Accounting/Payments";
export const TRANSACTIONS_FILE = "Accounting/Transactions.md";
export const RATES_FILE = "Accounting/Rates.md";
/** Cross-process locks live with the employee's own state, hidden from Obsidian. */
export const LOCKS_FOLDER = ".ai-employee/locks";
