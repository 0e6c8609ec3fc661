/**
 * @module The server's version as `common.version` (or, where JSON-RPC is gone, `GET /web/version`)
 * reports it, and what it implies: JSON-2 exists from Odoo 19 (`19.0`, `saas~19.x`) on.
 */
import { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";

export interface OdooServerVersion {
  /** As Odoo says it, e.g. `17.0`, `saas~19.1`, `19.0+e`. */
  label: string;
  major: number;
  minor: number;
}

/** The first series that serves `/json/2/<model>/<method>`. */
export const FIRST_JSON2_MAJOR = 19;

const versionSchema = z.looseObject({
  server_version: z.string().optional(),
  server_serie: z.string().optional(),
  version: z.string().optional(),
});

export function parseOdooVersion(result: unknown): OdooServerVersion {
  const parsed = versionSchema.safeParse(result);
  const label = parsed.success
    ? (parsed.data.server_version ?? parsed.data.version ?? parsed.data.server_serie)
    : undefined;
  const match = /(\d+)\.(\d+)/.exec(label ?? "");
  if (label === undefined || !match) {
    throw new DataError(
      "Odoo's version answer could not be read; check that ODOO_URL points at an Odoo server",
    );
  }
  return { label, major: Number(match[1]), minor: Number(match[2]) };
}

export function supportsJson2(version: OdooServerVersion): boolean {
  return version.major >= FIRST_JSON2_MAJOR;
}
