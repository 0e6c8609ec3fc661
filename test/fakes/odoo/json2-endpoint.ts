/**
 * @module `POST /json/2/<model>/<method>` (Odoo 19+): the bearer API key picks the user (passwords are
 * refused), the JSON body holds the method's named arguments plus `ids` and `context`, and errors are an
 * HTTP status with the serialised exception: 401 bad key, 403 AccessError, 404 unknown model/method or
 * MissingError, 422 UserError/ValidationError or bad arguments, 500 anything else.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeOdooState } from "./fake-odoo.js";
import { OdooException, serializeException } from "./odoo-exception.js";
import { MethodMissing, runMethod, signature } from "./model-methods.js";
import type { Values } from "./orm.js";
import { sendJson } from "./send-json.js";

const notFound = (message: string) => new OdooException("werkzeug.exceptions.NotFound", message, 404);
const unprocessable = (message: string) =>
  new OdooException("werkzeug.exceptions.UnprocessableEntity", message, 422);

export function handleJson2(
  state: FakeOdooState,
  request: IncomingMessage,
  path: string,
  body: string,
  response: ServerResponse,
): void {
  try {
    sendJson(response, 200, call(state, request, path, body));
  } catch (error) {
    const exception =
      error instanceof OdooException ? error : new OdooException("builtins.Exception", String(error), 500);
    const headers: Record<string, string> =
      exception.httpStatus === 401 ? { "WWW-Authenticate": "bearer" } : {};
    sendJson(response, exception.httpStatus, serializeException(exception), headers);
  }
}

function call(state: FakeOdooState, request: IncomingMessage, path: string, body: string): unknown {
  const match = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(path);
  if (!match || request.method !== "POST") throw notFound("Did you mean POST /json/2/<model>/<method>?");
  const model = decodeURIComponent(match[1] ?? "");
  const method = decodeURIComponent(match[2] ?? "");
  const authorization = request.headers.authorization;
  const database = request.headers["x-odoo-database"];
  const token = /^bearer\s+(.+)$/i.exec(authorization ?? "")?.[1]?.trim();
  const user = state.users.find((candidate) => candidate.apiKey !== undefined && candidate.apiKey === token);
  if (!user) throw new OdooException("werkzeug.exceptions.Unauthorized", "Invalid apikey", 401);
  if (typeof database === "string" && database !== state.database)
    throw notFound(`Database "${database}" not found`);
  let payload: unknown;
  try {
    payload = body.trim() === "" ? {} : JSON.parse(body);
  } catch (error) {
    throw new OdooException(
      "werkzeug.exceptions.BadRequest",
      `could not parse the body as json: ${(error as Error).message}`,
      400,
    );
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw new OdooException(
      "werkzeug.exceptions.BadRequest",
      "could not parse the body, expecting a json object",
      400,
    );
  }
  const { ids = [], context = {}, ...named } = payload as Values & { ids?: number[]; context?: Values };
  state.calls.push({
    protocol: "json2",
    path,
    model,
    method,
    ids,
    kwargs: named,
    context,
    ...(authorization ? { authorization } : {}),
    ...(typeof database === "string" ? { database } : {}),
  });

  let definition;
  try {
    definition = signature(state.orm, model, method);
  } catch (error) {
    if (error instanceof MethodMissing) throw notFound(error.message);
    if (error instanceof OdooException && error.exceptionName === "builtins.KeyError")
      throw notFound(`the model '${model}' does not exist`);
    throw error;
  }
  if (definition.model && ids.length > 0) throw unprocessable(`cannot call ${model}.${method} with ids`);
  for (const name of Object.keys(named)) {
    if (!definition.params.includes(name))
      throw unprocessable(`${method}() got an unexpected keyword argument '${name}'`);
  }
  for (const name of definition.required ?? []) {
    if (!(name in named))
      throw unprocessable(`${method}() missing 1 required positional argument: '${name}'`);
  }
  const env = { uid: user.uid, context, readOnlyAccounting: user.readOnlyAccounting ?? false };
  return runMethod(state.orm, env, model, method, ids, named) ?? null;
}
