/**
 * @module A proactive suggestion of the briefing, and the approval request that would carry it out. The
 * briefing computes suggestions; filing the request is the runtime's (it owns the approval desk and the
 * policy), through the `fileSuggestion` callback of `writeBriefing`.
 */

export type SuggestionKind =
  "cancel_subscription" | "review_duplicate_tools" | "invoice_reminder" | "decide_approval";

export interface SuggestedAction {
  /** The MCP server to run it on, when the briefing knows it (`email`); else the runtime picks by tool. */
  server: string | undefined;
  /** The tool the request would run (`send_email`, `cancel_subscription`). */
  tool: string;
  /** Exactly what would run. */
  parameters: Record<string, unknown>;
  /** One line for the request's heading ("Reminder to Acme Ltd about INV/2026/00012"). */
  summary: string;
  amount: { value: number; currency: string } | undefined;
  recipients: string[];
}

export interface Suggestion {
  kind: SuggestionKind;
  /**
   * `briefing:<week start>:<kind>:<subject>`: pass it as the request's idempotency key, so regenerating
   * the week's briefing never files the same request twice.
   */
  key: string;
  title: string;
  /** Why, with the figures, in Markdown. */
  detail: string;
  /** What a new approval request would run; undefined when there is nothing to file. */
  action: SuggestedAction | undefined;
  /** A request already waiting that this suggestion is about (approvals waiting too long). */
  existing: { id: string; link: string } | undefined;
}

/** What `fileSuggestion` returns: the filed request, for the briefing to link. */
export interface FiledRequest {
  id: string;
  /** The request's file name or vault-relative path (`Pending_Approval/SEND_EMAIL_…_<id>.md`). */
  file: string;
}

export function suggestionKey(weekStart: string, kind: SuggestionKind, subject: string): string {
  const slug =
    subject
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "item";
  return `briefing:${weekStart}:${kind}:${slug}`;
}
