/**
 * @module Writes a JSON answer the way Odoo does (`application/json; charset=utf-8`).
 */
import type { ServerResponse } from "node:http";

export function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  response.end(JSON.stringify(value));
}

export function versionInfo(version: string): { info: unknown[]; serie: string } {
  const match = /^(saas~)?(\d+)\.(\d+)/.exec(version);
  const major = match?.[1] ? `saas~${match[2]}` : Number(match?.[2] ?? 0);
  return { info: [major, Number(match?.[3] ?? 0), 0, "final", 0, ""], serie: match?.[0] ?? version };
}
