/**
 * @module The web routes a client may touch: `GET /web/version` (19+, no authentication), the web login
 * `/web/session/authenticate` (password only: Odoo refuses API keys for interactive sessions), its
 * logout, and `/report/pdf/<report>/<ids>`, which needs that session and otherwise redirects to the
 * login page.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeOdooState } from "./fake-odoo.js";
import { accessDenied, serializeException } from "./odoo-exception.js";
import { text } from "./orm.js";
import { sendJson, versionInfo } from "./send-json.js";

export async function handleWeb(
  state: FakeOdooState,
  request: IncomingMessage,
  url: URL,
  body: string,
  response: ServerResponse,
): Promise<boolean> {
  if (url.pathname === "/web/version" && state.major >= 19) {
    state.calls.push({ protocol: "web", path: url.pathname });
    sendJson(response, 200, { version_info: versionInfo(state.version).info, version: state.version });
    return true;
  }
  if (url.pathname === "/web/session/authenticate" && request.method === "POST") {
    authenticate(state, body, response);
    return true;
  }
  if (url.pathname === "/web/session/destroy" && request.method === "POST") {
    state.calls.push({ protocol: "web", path: url.pathname });
    const session = sessionOf(request);
    if (session) state.sessions.delete(session);
    sendJson(response, 200, { jsonrpc: "2.0", id: null, result: null });
    return true;
  }
  const report = /^\/report\/pdf\/([^/]+)\/([\d,]+)$/.exec(url.pathname);
  if (report && request.method === "GET") {
    state.calls.push({ protocol: "web", path: url.pathname });
    const session = sessionOf(request);
    if (!session || !state.sessions.has(session)) {
      response.writeHead(303, { Location: `/web/login?redirect=${encodeURIComponent(url.pathname)}` });
      response.end();
      return true;
    }
    const ids = (report[2] ?? "").split(",").map(Number);
    const names = ids.map((id) => text(state.orm.table("account.move").get(id)?.name ?? id));
    response.writeHead(200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${names.join("_")}.pdf"`,
    });
    response.end(`%PDF-1.4\n% Odoo report ${report[1] ?? ""} for ${names.join(", ")}\n%%EOF\n`);
    return true;
  }
  return false;
}

function authenticate(state: FakeOdooState, body: string, response: ServerResponse): void {
  state.calls.push({ protocol: "web", path: "/web/session/authenticate" });
  const request = JSON.parse(body) as {
    id?: unknown;
    params?: { db?: unknown; login?: unknown; password?: unknown };
  };
  const user = state.users.find((candidate) => candidate.login === request.params?.login);
  if (request.params?.db !== state.database || !user || request.params.password !== user.password) {
    sendJson(response, 200, {
      jsonrpc: "2.0",
      id: request.id ?? null,
      error: { code: 200, message: "Odoo Server Error", data: serializeException(accessDenied()) },
    });
    return;
  }
  const session = randomBytes(20).toString("hex");
  state.sessions.set(session, user.uid);
  sendJson(
    response,
    200,
    {
      jsonrpc: "2.0",
      id: request.id ?? null,
      result: { uid: user.uid, db: state.database, username: user.login },
    },
    {
      "Set-Cookie": `session_id=${session}; Expires=Fri, 01 Jan 2100 00:00:00 GMT; HttpOnly; Path=/; SameSite=Lax`,
    },
  );
}

function sessionOf(request: IncomingMessage): string | undefined {
  return /(?:^|;\s*)session_id=([^;]+)/.exec(request.headers.cookie ?? "")?.[1];
}
