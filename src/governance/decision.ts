/**
 * @module The policy's answer for one proposed action: a typed value, logged as it is.
 */

/** Why a person is asked; every one that applies is listed on the approval request. */
export type Risk =
  | "from_untrusted_content"
  | "outside_client"
  | "new_contact"
  | "new_payee"
  | "bulk_send"
  | "over_limit"
  | "reply_or_dm"
  | "invoice"
  | "not_auto_approved"
  | "handbook_unreadable";

export type Decision =
  | { kind: "allow"; rule: string }
  | { kind: "needs_approval"; reasons: string[]; risks: Risk[] }
  | { kind: "refuse"; reason: string };
