/**
 * @module What a message asks for, read by rules (the offline reasoner's triage): an invoice, a quote,
 * a payment notice, a meeting, or something else.
 */

export type Intent = "invoice" | "quote" | "payment" | "meeting" | "newsletter" | "general";

const RULES: readonly [Intent, RegExp][] = [
  ["newsletter", /\bunsubscribe\b|\bnewsletter\b|\bview (it )?in (your )?browser\b/i],
  ["invoice", /\binvoice\b|\bbill (me|us)\b|\bsend (me|us) (the|a|an|our) bill\b/i],
  ["payment", /\b(paid|remittance|payment (sent|made|received|confirmation))\b/i],
  ["quote", /\bquote\b|\bquotation\b|\bpricing\b|\bhow much\b|\bestimate\b|\byour rates?\b/i],
  ["meeting", /\bmeeting\b|\bschedule a call\b|\bcall (on|at|next)\b|\bavailability\b/i],
];

export function intentOf(text: string): Intent {
  for (const [intent, pattern] of RULES) if (pattern.test(text)) return intent;
  return "general";
}
