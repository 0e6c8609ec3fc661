/**
 * @module Odoo's JSON-RPC protocol (Odoo 17–19; deprecated from 19, removed in 22): `POST /jsonrpc`
 * with `{"jsonrpc": "2.0", "method": "call", "params": {service, method, args}}`. The `common` service
 * answers `version` and `authenticate` without a session; the `object` service runs
 * `execute_kw(db, uid, key, model, method, args, kwargs)` with the key on every call.
 */
import { z } from "zod";
import { odooError } from "./odoo-fault.js";
import { sendOdooRequest, type OdooHttpDeps } from "./odoo-http.js";
import type { OdooCall, OdooTransport } from "./odoo-transport.js";

const errorSchema = z.object({
  code: z.number().optional(),
  message: z.string().optional(),
  data: z.looseObject({ name: z.string().optional(), message: z.string().optional() }).optional(),
});

const envelopeSchema = z.looseObject({ result: z.unknown().optional(), error: errorSchema.optional() });

export interface JsonRpcTarget {
  url: string;
  /** Numbers each request; the answer's `id` must match. */
  nextId: () => number;
}

/** One `POST /jsonrpc` call; `model` only sharpens error messages. */
export async function callJsonRpc(
  deps: OdooHttpDeps,
  target: JsonRpcTarget,
  service: "common" | "object",
  method: string,
  args: unknown[],
  describe: { operation: string; model?: string },
  signal?: AbortSignal,
): Promise<unknown> {
  const response = await sendOdooRequest(deps, {
    url: `${target.url}/jsonrpc`,
    body: { jsonrpc: "2.0", method: "call", params: { service, method, args }, id: target.nextId() },
    operation: describe.operation,
    ...(signal ? { signal } : {}),
  });
  const parsed = envelopeSchema.safeParse(response.json);
  if (response.status !== 200 || !parsed.success) {
    throw odooError({
      operation: describe.operation,
      ...(describe.model ? { model: describe.model } : {}),
      httpStatus: response.status === 200 ? 502 : response.status,
      message: deps.redact(
        response.status === 200 ? "the answer was not JSON-RPC" : shortText(response.text),
      ),
      ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
      ...(response.resetAt === undefined ? {} : { resetAt: response.resetAt }),
    });
  }
  const { error } = parsed.data;
  if (error) {
    const code = error.code ?? 200;
    throw odooError({
      operation: describe.operation,
      ...(describe.model ? { model: describe.model } : {}),
      // Odoo uses 404 for a route it does not know and 100 for an expired session; 200 is a server error.
      ...(error.data?.name
        ? { exceptionName: error.data.name }
        : code === 404
          ? { exceptionName: "NotFound" }
          : {}),
      message: deps.redact(error.data?.message ?? error.message ?? "Odoo Server Error"),
      httpStatus: code === 100 ? 401 : 500,
    });
  }
  return parsed.data.result ?? null;
}

export interface JsonRpcSession {
  url: string;
  database: string;
  uid: number;
  apiKey: string;
  nextId: () => number;
}

export function createJsonRpcTransport(deps: OdooHttpDeps, session: JsonRpcSession): OdooTransport {
  return {
    protocol: "jsonrpc",
    async execute(model, method, call, signal) {
      const { args, kwargs } = positional(method, call);
      return callJsonRpc(
        deps,
        session,
        "object",
        "execute_kw",
        [session.database, session.uid, session.apiKey, model, method, args, kwargs],
        { operation: `${model}.${method}`, model },
        signal,
      );
    },
  };
}

/**
 * `execute_kw` takes record ids as the first positional argument of a record method, and `create` reads
 * its values positionally (Odoo indexes `args[0]` to decide between one id and a list of ids).
 */
function positional(method: string, call: OdooCall): { args: unknown[]; kwargs: Record<string, unknown> } {
  const params = { ...call.params };
  const args: unknown[] = [];
  if (call.ids) args.push(call.ids);
  else if (method === "create") {
    args.push(params.vals_list ?? []);
    delete params.vals_list;
  }
  const kwargs = call.context ? { ...params, context: call.context } : params;
  return { args, kwargs };
}

function shortText(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}
