/**
 * @module Small formatting rules the briefing's Markdown shares: table cells that cannot break a table,
 * money to the cent with its currency, and durations people read at a glance.
 */

/** A table cell: a `|` is escaped (Obsidian and GFM honour `\|`), line breaks become spaces. */
export function escapeCell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\s*\r?\n\s*/g, " ")
    .trim();
}

/** Text that came from outside (a subject line) kept on one line, with nothing that opens a link or a tag. */
export function plainText(text: string, limit = 120): string {
  const single = text
    .replace(/\s+/g, " ")
    .replace(/[[\]<>`]/g, "")
    .trim();
  return single.length > limit ? `${single.slice(0, limit - 1)}…` : single;
}

export function formatAmount(amount: number): string {
  return amount.toLocaleString("en-US", {
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    maximumFractionDigits: 2,
  });
}

export function formatMoney(amount: number, currency: string | undefined): string {
  return currency ? `${formatAmount(amount)} ${currency}` : formatAmount(amount);
}

export function formatHours(hours: number): string {
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Number(hours.toFixed(1))} h`;
  return `${Number((hours / 24).toFixed(1))} days`;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** A wikilink to a note by its file name (without `.md`). */
export function wikilink(link: string): string {
  return `[[${link.replace(/[[\]|]/g, "")}]]`;
}
