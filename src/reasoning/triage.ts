/**
 * @module Triage from the Handbook alone (no model): priority from its keywords, the domain and whether
 * the sender is a known contact. Used when a task is filed and by the offline reasoner.
 */
import { findContact, type Domain, type Handbook } from "../governance/handbook.js";
import type { Priority } from "../vault/task-note.js";

function containsWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "iu").test(text);
}

export function priorityOf(text: string, handbook: Handbook): Priority {
  if (handbook.priorityKeywords.high.some((word) => containsWord(text, word))) return "high";
  if (handbook.priorityKeywords.low.some((word) => containsWord(text, word))) return "low";
  return "normal";
}

export interface SenderTriage {
  contact: "known" | "new";
  domain: Domain;
  name: string | undefined;
}

export function triageSender(
  address: string,
  handbook: Handbook,
  fallbackDomain: Domain = "business",
): SenderTriage {
  const contact = address === "" ? undefined : findContact(handbook, address);
  return contact
    ? { contact: "known", domain: contact.domain, name: contact.name || undefined }
    : { contact: "new", domain: fallbackDomain, name: undefined };
}
