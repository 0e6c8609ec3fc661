/** @module Times as the dashboard shows them: minutes, in UTC, like `Dashboard.md`. */

/** `2026-11-26T10:00:00.000Z` → `2026-11-26 10:00 UTC`; text that is not a time is shown as it is. */
export function displayTime(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Whether a request's `expires` has passed; an unreadable time is left to the executor to judge. */
export function hasExpired(expires: string, now: Date): boolean {
  const at = Date.parse(expires);
  return !Number.isNaN(at) && at < now.getTime();
}
