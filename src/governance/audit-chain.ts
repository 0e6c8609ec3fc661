/**
 * @module The hash chain over audit lines: each line's hash covers the previous line's hash and every
 * field of its own, so an edited, removed or reordered line breaks the chain from that point.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "./payload-hash.js";
import type { AuditEntry } from "./audit-entry.js";

export function entryHash(entry: Omit<AuditEntry, "hash">): string {
  return createHash("sha256").update(canonicalJson(entry)).digest("hex");
}
