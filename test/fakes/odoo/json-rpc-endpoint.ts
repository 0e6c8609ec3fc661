/**
 * @module `POST /jsonrpc`, Odoo's JSON-RPC endpoint: `{"jsonrpc": "2.0", "method": "call", "params":
 * {"service", "method", "args"}}`. Every failure is HTTP 200 with `{"error": {"code": 200, "message":
 * "Odoo Server Error", "data": {"name", "message", ...}}}`. `execute_kw` checks the database and the
 * password or API key on every call (AccessDenied), takes record ids as its first positional argument,
 * and reads `create`'s values positionally.
 */
import type { ServerResponse } from "node:http";
import type { FakeOdooState } from "./fake-odoo.js";
import { OdooException, accessDenied, indexError, serializeException, typeError } from "./odoo-exception.js";
import { runMethod, signature } from "./model-methods.js";
import type { Values } from "./orm.js";
import { sendJson, versionInfo } from "./send-json.js";

export function handleJsonRpc(state: FakeOdooState, body: string, response: ServerResponse): void {
  let request: { id?: unknown; params?: { service?: unknown; method?: unknown; args?: unknown } };
  try {
    request = JSON.parse(body) as typeof request;
  } catch {
    sendJson(response, 400, { jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
    return;
  }
  const id = request.id ?? null;
  const service = typeof request.params?.service === "string" ? request.params.service : "";
  const method = typeof request.params?.method === "string" ? request.params.method : "";
  const args = Array.isArray(request.params?.args) ? (request.params.args as unknown[]) : [];
  try {
    const result = dispatch(state, service, method, args);
    sendJson(response, 200, { jsonrpc: "2.0", id, result });
  } catch (error) {
    const exception =
      error instanceof OdooException ? error : new OdooException("builtins.Exception", String(error), 500);
    sendJson(response, 200, {
      jsonrpc: "2.0",
      id,
      error: { code: 200, message: "Odoo Server Error", data: serializeException(exception) },
    });
  }
}

function dispatch(state: FakeOdooState, service: string, method: string, args: unknown[]): unknown {
  if (service === "common") {
    state.calls.push({ protocol: "jsonrpc", path: "/jsonrpc", service, method });
    if (method === "version") {
      const { info, serie } = versionInfo(state.version);
      return {
        server_version: state.version,
        server_version_info: info,
        server_serie: serie,
        protocol_version: 1,
      };
    }
    if (method === "authenticate" || method === "login") {
      const [database, login, secret] = args as [unknown, unknown, unknown];
      checkDatabase(state, database);
      const user = state.users.find((candidate) => candidate.login === login);
      return user && (secret === user.password || (user.apiKey !== undefined && secret === user.apiKey))
        ? user.uid
        : false;
    }
    throw new OdooException("builtins.AttributeError", `'common' service has no method '${method}'`, 500);
  }
  if (service === "object" && method === "execute_kw") return executeKw(state, args);
  throw new OdooException("builtins.KeyError", `'${service}.${method}'`, 500);
}

function checkDatabase(state: FakeOdooState, database: unknown): void {
  if (database !== state.database) {
    throw new OdooException(
      "psycopg2.OperationalError",
      `connection to server at "localhost" (127.0.0.1), port 5432 failed: FATAL:  database "${String(database)}" does not exist`,
      500,
    );
  }
}

function executeKw(state: FakeOdooState, args: unknown[]): unknown {
  const [database, uid, secret, model, method, positional = [], kwargs = {}] = args as [
    unknown,
    unknown,
    unknown,
    string,
    string,
    unknown[],
    Values,
  ];
  checkDatabase(state, database);
  const user = state.users.find((candidate) => candidate.uid === uid);
  if (!user || !(secret === user.password || (user.apiKey !== undefined && secret === user.apiKey)))
    throw accessDenied();
  const { context = {}, ...named } = kwargs as Values & { context?: Values };
  state.calls.push({
    protocol: "jsonrpc",
    path: "/jsonrpc",
    service: "object",
    method,
    model,
    args: positional,
    kwargs: named,
    context,
  });
  const definition = signature(state.orm, model, method);
  let ids: number[] = [];
  let rest = positional;
  if (!definition.model) {
    if (positional.length === 0) throw indexError("tuple index out of range");
    const first = positional[0];
    ids = Array.isArray(first) ? (first as number[]) : [Number(first)];
    rest = positional.slice(1);
  } else if (method === "create" && positional.length === 0) {
    throw indexError("tuple index out of range");
  }
  const bound: Values = {};
  rest.forEach((value, index) => {
    const name = definition.params[index];
    if (name === undefined)
      throw typeError(
        `${method}() takes ${definition.params.length + 1} positional arguments but ${rest.length + 1} were given`,
      );
    bound[name] = value;
  });
  for (const [name, value] of Object.entries(named)) {
    if (!definition.params.includes(name))
      throw typeError(`${method}() got an unexpected keyword argument '${name}'`);
    if (name in bound) throw typeError(`${method}() got multiple values for argument '${name}'`);
    bound[name] = value;
  }
  const env = { uid: user.uid, context, readOnlyAccounting: user.readOnlyAccounting ?? false };
  const result = runMethod(state.orm, env, model, method, ids, bound);
  // One dict in, one id out; a list in, a list of ids out (Odoo's `_call_kw_model_create`).
  if (method === "create" && !Array.isArray(rest[0])) return (result as number[])[0];
  return result;
}
