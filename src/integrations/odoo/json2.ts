/**
 * @module Odoo's JSON-2 protocol (Odoo 19+): `POST /json/2/<model>/<method>` with
 * `Authorization: bearer <api key>`, the database in `X-Odoo-Database`, and the method's named arguments
 * as the JSON body (`ids` and `context` build the recordset). Success is the method's return value as
 * JSON; failure is an HTTP status with Odoo's serialised exception `{"name", "message", ...}`.
 */
import { z } from "zod";
import { odooError } from "./odoo-fault.js";
import { sendOdooRequest, type OdooHttpDeps } from "./odoo-http.js";
import type { OdooTransport } from "./odoo-transport.js";

const exceptionSchema = z.looseObject({ name: z.string().optional(), message: z.string().optional() });

export interface Json2Target {
  url: string;
  database: string;
  apiKey: string;
}

export function createJson2Transport(deps: OdooHttpDeps, target: Json2Target): OdooTransport {
  return {
    protocol: "json2",
    async execute(model, method, call, signal) {
      const operation = `${model}.${method}`;
      const response = await sendOdooRequest(deps, {
        url: `${target.url}/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`,
        headers: { Authorization: `bearer ${target.apiKey}`, "X-Odoo-Database": target.database },
        body: {
          ...(call.ids ? { ids: call.ids } : {}),
          ...(call.context ? { context: call.context } : {}),
          ...call.params,
        },
        operation,
        ...(signal ? { signal } : {}),
      });
      if (response.status === 200) return response.json ?? null;
      // Odoo serialises the exception as an object; its documentation also shows a bare JSON string.
      const exception = exceptionSchema.safeParse(response.json);
      const name = exception.success ? exception.data.name : undefined;
      const message =
        typeof response.json === "string"
          ? response.json
          : exception.success && exception.data.message
            ? exception.data.message
            : response.text
                .replace(/<[^>]*>/g, " ")
                .replace(/\s+/g, " ")
                .trim()
                .slice(0, 200);
      throw odooError({
        operation,
        model,
        httpStatus: response.status,
        ...(name ? { exceptionName: name } : {}),
        message: deps.redact(message),
        ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
        ...(response.resetAt === undefined ? {} : { resetAt: response.resetAt }),
      });
    },
  };
}
