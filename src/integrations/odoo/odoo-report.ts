/**
 * @module Downloads one of Odoo's own PDF reports (`/report/pdf/<report>/<ids>`). That route needs a web
 * session (`auth="user"`), and `/web/session/authenticate` accepts only a password: Odoo refuses API
 * keys for interactive logins. So with an API key in ODOO_API_KEY the report is unavailable and the
 * caller renders the invoice itself; with a password it works on every version.
 */
import { z } from "zod";
import type { OdooConfig } from "./odoo-config.js";
import { sendOdooRequest, type OdooHttpDeps } from "./odoo-http.js";

export type OdooReportResult =
  | { status: "downloaded"; content: Uint8Array }
  | { status: "unavailable"; reason: string; permanent: boolean };

const authenticateSchema = z.looseObject({
  result: z.looseObject({ uid: z.union([z.number(), z.literal(false)]).optional() }).optional(),
  error: z.looseObject({ data: z.looseObject({ name: z.string().optional() }).optional() }).optional(),
});

export const API_KEY_CANNOT_OPEN_SESSION =
  "Odoo opens a web session only with a password, not with an API key, so its own invoice report cannot be downloaded";

export async function fetchOdooReport(
  deps: OdooHttpDeps,
  config: OdooConfig,
  report: string,
  ids: number[],
  signal?: AbortSignal,
): Promise<OdooReportResult> {
  const optional = signal ? { signal } : {};
  let login;
  try {
    login = await sendOdooRequest(deps, {
      url: `${config.url}/web/session/authenticate`,
      body: {
        jsonrpc: "2.0",
        method: "call",
        params: { db: config.database, login: config.user, password: config.apiKey },
        id: 1,
      },
      operation: "web session login",
      ...optional,
    });
  } catch (error) {
    return {
      status: "unavailable",
      reason: `Odoo did not answer the web login (${(error as Error).message})`,
      permanent: false,
    };
  }
  const answer = authenticateSchema.safeParse(login.json);
  const cookie = sessionCookie(login.headers);
  if (!answer.success || answer.data.error || !answer.data.result?.uid || cookie === undefined) {
    const denied = answer.success && /AccessDenied/.test(answer.data.error?.data?.name ?? "");
    return denied
      ? { status: "unavailable", reason: API_KEY_CANNOT_OPEN_SESSION, permanent: true }
      : { status: "unavailable", reason: `Odoo's web login answered HTTP ${login.status}`, permanent: false };
  }
  try {
    const pdf = await sendOdooRequest(deps, {
      url: `${config.url}/report/pdf/${encodeURIComponent(report)}/${ids.join(",")}`,
      method: "GET",
      headers: { Cookie: cookie },
      operation: `report ${report}`,
      binary: true,
      ...optional,
    });
    const bytes = pdf.bytes;
    if (pdf.status !== 200 || bytes === undefined || !startsWithPdf(bytes)) {
      return {
        status: "unavailable",
        reason: `Odoo answered HTTP ${pdf.status} for the report ${report}`,
        permanent: false,
      };
    }
    return { status: "downloaded", content: bytes };
  } catch (error) {
    return {
      status: "unavailable",
      reason: `Odoo did not send the report (${(error as Error).message})`,
      permanent: false,
    };
  } finally {
    // The session is only needed for this download; leaving it would pile up sessions on the server.
    await sendOdooRequest(deps, {
      url: `${config.url}/web/session/destroy`,
      body: { jsonrpc: "2.0", method: "call", params: {}, id: 2 },
      headers: { Cookie: cookie },
      operation: "web session logout",
    }).catch(() => undefined);
  }
}

function sessionCookie(headers: Headers): string | undefined {
  for (const line of headers.getSetCookie()) {
    const match = /^(session_id=[^;]+)/.exec(line);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

function startsWithPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";
}
