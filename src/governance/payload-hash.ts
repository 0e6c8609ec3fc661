/**
 * @module The hash that binds a person's approval to the exact payload: SHA-256 over canonical JSON
 * (keys sorted, no whitespace) of server + tool + parameters.
 */
import { createHash } from "node:crypto";

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let text = "[";
    for (let index = 0; index < value.length; index += 1) {
      text += `${index === 0 ? "" : ","}${canonicalJson(value[index])}`;
    }
    return `${text}]`;
  }
  // Keys in UTF-16 code unit order (the default sort); undefined values are left out, as JSON does.
  let text = "{";
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    text += `${text.length === 1 ? "" : ","}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${text}}`;
}

export function payloadSha256(server: string, tool: string, parameters: unknown): string {
  return createHash("sha256").update(canonicalJson({ server, tool, parameters })).digest("hex");
}
