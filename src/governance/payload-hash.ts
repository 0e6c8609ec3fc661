/**
 * @module The hash that binds a person's approval to the exact payload: SHA-256 over canonical JSON
 * (keys sorted, no whitespace) of server + tool + parameters.
 */
import { createHash } from "node:crypto";

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

export function payloadSha256(server: string, tool: string, parameters: unknown): string {
  return createHash("sha256").update(canonicalJson({ server, tool, parameters })).digest("hex");
}
