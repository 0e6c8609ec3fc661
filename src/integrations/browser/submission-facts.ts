/**
 * @module What the policy and a person see of a form submission before it is approved: the portal's
 * host as the recipient, every field with its value, and the amount when the form carries one. Values of
 * secret fields (passwords, PINs, card codes) never appear in a summary, an approval or the Outbox.
 */
import type { ActionFacts } from "../tool-definition.js";
import type { FieldValue, FormSubmission } from "./browser-session.js";
import { amountFromFields, fieldName } from "./form-amount.js";

/** One line for a person; a form with fifty fields is cut, and says so. */
const MAX_SUMMARY_CHARS = 400;
const SECRET_FIELD =
  /pass(word|code|wd)?\b|\bpin\b|cvv|cvc|csc|security code|one[- ]time|\botp\b|secret|token/i;
const CARD_FIELD = /card ?(number|no)|\bpan\b|cc-?number/i;

export function isSecretField(field: FieldValue): boolean {
  return SECRET_FIELD.test(fieldName(field));
}

/** The value as it may be shown: secrets hidden, card numbers cut to their last four digits. */
export function shownValue(field: FieldValue): string {
  if (isSecretField(field)) return "[hidden]";
  if (CARD_FIELD.test(fieldName(field))) {
    const digits = field.value.replace(/\D/g, "");
    return digits.length > 4 ? `…${digits.slice(-4)}` : "[hidden]";
  }
  return field.value;
}

export function hostOf(rawUrl: string): string {
  try {
    return new URL(rawUrl).hostname;
  } catch {
    return rawUrl;
  }
}

export function submissionFacts(submission: FormSubmission): ActionFacts {
  const host = hostOf(submission.url);
  const fields = submission.fields.map((field) => `${fieldName(field)}=${shownValue(field)}`).join(", ");
  let summary = `Submit a form on ${host}: ${fields}`;
  if (summary.length > MAX_SUMMARY_CHARS) summary = `${summary.slice(0, MAX_SUMMARY_CHARS - 1)}…`;
  const amount = amountFromFields(submission.fields);
  return {
    category: "browser_submit",
    recipients: [host],
    ...(amount === undefined ? {} : { amount }),
    links: [submission.url],
    summary,
  };
}
