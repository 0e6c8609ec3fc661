/**
 * @module The one Odoo client. On first use it asks the server's version (`common.version`, no
 * authentication needed) and picks the protocol: JSON-2 from Odoo 19 on, JSON-RPC before. A password in
 * ODOO_API_KEY does not open JSON-2 (bearer API keys only), so on 19+ a refused key falls back to
 * JSON-RPC, which still accepts passwords. Calls are never retried here: the governance layer decides
 * what may be retried, and a payment never is.
 */
import { z } from "zod";
import { createRedactor } from "../../governance/redact.js";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import { isEmployeeError } from "../../governance/errors/employee-error.js";
import type { OdooConfig } from "./odoo-config.js";
import type { OdooProtocol } from "./odoo-fault.js";
import type { OdooHttpDeps } from "./odoo-http.js";
import { sendOdooRequest } from "./odoo-http.js";
import { callJsonRpc, createJsonRpcTransport } from "./json-rpc.js";
import { createJson2Transport } from "./json2.js";
import { fetchOdooReport, type OdooReportResult } from "./odoo-report.js";
import type { OdooCall, OdooTransport } from "./odoo-transport.js";
import { parseOdooVersion, supportsJson2, type OdooServerVersion } from "./odoo-version.js";

export type OdooDomain = unknown[];
export type OdooRecord = Record<string, unknown>;

export interface OdooConnection {
  protocol: OdooProtocol;
  version: OdooServerVersion;
  uid: number | undefined;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  order?: string;
  context?: Record<string, unknown>;
}

export interface OdooClient {
  readonly url: string;
  readonly database: string;
  /** Connects (version, protocol, credentials) once; later calls reuse it. */
  connect(signal?: AbortSignal): Promise<OdooConnection>;
  execute(model: string, method: string, call?: OdooCall, signal?: AbortSignal): Promise<unknown>;
  searchRead(
    model: string,
    domain: OdooDomain,
    fields: string[],
    options?: SearchOptions,
  ): Promise<OdooRecord[]>;
  read(model: string, ids: number[], fields: string[]): Promise<OdooRecord[]>;
  create(model: string, values: OdooRecord, context?: Record<string, unknown>): Promise<number>;
  write(model: string, ids: number[], values: OdooRecord): Promise<void>;
  searchCount(model: string, domain: OdooDomain): Promise<number>;
  /** Odoo's own PDF of a report (e.g. `account.report_invoice`), when a web session can be opened. */
  fetchReport(report: string, ids: number[], signal?: AbortSignal): Promise<OdooReportResult>;
}

export interface OdooClientDeps {
  config: OdooConfig;
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
}

const recordsSchema = z.array(z.record(z.string(), z.unknown()));
const createdSchema = z.union([
  z.number().int(),
  z
    .array(z.number().int())
    .length(1)
    .transform((ids) => ids[0] ?? 0),
]);
const contextSchema = z.looseObject({ uid: z.number().int().optional() });

export function createOdooClient(deps: OdooClientDeps): OdooClient {
  const { config } = deps;
  const redactor = createRedactor([config.apiKey]);
  const http: OdooHttpDeps = {
    fetch: deps.fetch ?? globalThis.fetch,
    now: deps.now ?? (() => new Date()),
    redact: (text) => redactor.text(text),
    ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
  };
  let requestId = 0;
  const target = { url: config.url, nextId: () => (requestId += 1) };
  let connecting: Promise<{ connection: OdooConnection; transport: OdooTransport }> | undefined;
  let reportRefusal: string | undefined;

  async function serverVersion(signal?: AbortSignal): Promise<OdooServerVersion> {
    try {
      return parseOdooVersion(
        await callJsonRpc(http, target, "common", "version", [], { operation: "common.version" }, signal),
      );
    } catch (error) {
      if (isEmployeeError(error) && error.retryable) throw error;
      // Odoo 22 drops /jsonrpc; /web/version is its replacement and also needs no authentication.
      const fallback = await sendOdooRequest(http, {
        url: `${config.url}/web/version`,
        method: "GET",
        operation: "web version",
        ...(signal ? { signal } : {}),
      });
      if (fallback.status !== 200) throw error;
      return parseOdooVersion(fallback.json);
    }
  }

  async function jsonRpcLogin(signal?: AbortSignal): Promise<number> {
    const uid = await callJsonRpc(
      http,
      target,
      "common",
      "authenticate",
      [config.database, config.user, config.apiKey, {}],
      { operation: "common.authenticate" },
      signal,
    );
    if (typeof uid !== "number" || uid <= 0) {
      throw new AuthError(
        `Odoo refused the login ${config.user} on database ${config.database}; check ODOO_DB, ODOO_USER and ODOO_API_KEY (an API key from Preferences → Account Security, or the password)`,
      );
    }
    return uid;
  }

  async function establish(
    signal?: AbortSignal,
  ): Promise<{ connection: OdooConnection; transport: OdooTransport }> {
    const version = await serverVersion(signal);
    if (supportsJson2(version)) {
      const transport = createJson2Transport(http, {
        url: config.url,
        database: config.database,
        apiKey: config.apiKey,
      });
      try {
        const context = contextSchema.parse(await transport.execute("res.users", "context_get", {}, signal));
        return { connection: { protocol: "json2", version, uid: context.uid }, transport };
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        // A password is refused by JSON-2's bearer check but still accepted by JSON-RPC on 19–21.
        const uid = await jsonRpcLogin(signal).catch(() => {
          throw error;
        });
        return jsonRpc(version, uid);
      }
    }
    return jsonRpc(version, await jsonRpcLogin(signal));
  }

  function jsonRpc(version: OdooServerVersion, uid: number) {
    const transport = createJsonRpcTransport(http, {
      url: config.url,
      database: config.database,
      uid,
      apiKey: config.apiKey,
      nextId: target.nextId,
    });
    return { connection: { protocol: "jsonrpc" as const, version, uid }, transport };
  }

  async function connected(signal?: AbortSignal) {
    connecting ??= establish(signal).catch((error: unknown) => {
      // Forget a failed attempt so the next call tries again (the server may be back, the key fixed).
      connecting = undefined;
      throw error;
    });
    return connecting;
  }

  async function execute(
    model: string,
    method: string,
    call: OdooCall = {},
    signal?: AbortSignal,
  ): Promise<unknown> {
    const { transport } = await connected(signal);
    return transport.execute(model, method, call, signal);
  }

  function records(value: unknown, operation: string): OdooRecord[] {
    const parsed = recordsSchema.safeParse(value);
    if (!parsed.success) throw new DataError(`Odoo's answer to ${operation} was not a list of records`);
    return parsed.data;
  }

  return {
    url: config.url,
    database: config.database,
    async connect(signal) {
      return (await connected(signal)).connection;
    },
    execute,
    async searchRead(model, domain, fields, options = {}) {
      const { context, ...paging } = options;
      const result = await execute(model, "search_read", {
        params: { domain, fields, ...paging },
        ...(context ? { context } : {}),
      });
      return records(result, `${model}.search_read`);
    },
    async read(model, ids, fields) {
      return records(await execute(model, "read", { ids, params: { fields } }), `${model}.read`);
    },
    async create(model, values, context) {
      const result = await execute(model, "create", {
        params: { vals_list: [values] },
        ...(context ? { context } : {}),
      });
      const id = createdSchema.safeParse(result);
      if (!id.success) throw new DataError(`Odoo's answer to ${model}.create was not a record id`);
      return id.data;
    },
    async write(model, ids, values) {
      await execute(model, "write", { ids, params: { vals: values } });
    },
    async searchCount(model, domain) {
      const count = z
        .number()
        .int()
        .safeParse(await execute(model, "search_count", { params: { domain } }));
      if (!count.success) throw new DataError(`Odoo's answer to ${model}.search_count was not a number`);
      return count.data;
    },
    async fetchReport(report, ids, signal) {
      if (reportRefusal !== undefined)
        return { status: "unavailable", reason: reportRefusal, permanent: true };
      const result = await fetchOdooReport(http, config, report, ids, signal);
      if (result.status === "unavailable" && result.permanent) reportRefusal = result.reason;
      return result;
    },
  };
}
