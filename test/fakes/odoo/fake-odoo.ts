/**
 * @module A fake Odoo server for the tests, written from Odoo's external API reference: JSON-RPC
 * (`POST /jsonrpc`: `common.version`, `common.authenticate`, `object.execute_kw`) on every version, JSON-2
 * (`POST /json/2/<model>/<method>`, bearer API key, `X-Odoo-Database`) from 19 on, the web login and
 * the invoice report, each with Odoo's own error shapes. It records every call it receives, can be told
 * to fail the next requests (a proxy's 503, a 429), and runs a small ORM of the invoicing models.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { accountingModels } from "./accounting-models.js";
import { baseModels } from "./base-models.js";
import { FAKE_ADMIN, seed, type FakeOdooUser } from "./fake-odoo-data.js";
import { handleJson2 } from "./json2-endpoint.js";
import { handleJsonRpc } from "./json-rpc-endpoint.js";
import { Orm, type ModelDef, type Values } from "./orm.js";
import { handleWeb } from "./web-endpoints.js";

export type { FakeOdooUser } from "./fake-odoo-data.js";
export { FAKE_ADMIN } from "./fake-odoo-data.js";

export interface FakeOdooOptions {
  /** As `common.version` says it: `17.0`, `18.0`, `saas~19.1`, `19.0`. */
  version?: string;
  database?: string;
  users?: FakeOdooUser[];
  /** The server's date (`YYYY-MM-DD`), for invoice dates and numbering. */
  today?: () => string;
  fullyPaidState?: "paid" | "in_payment";
  /** Odoo 22 removes `/jsonrpc`; only JSON-2 and `/web/version` remain. */
  withoutJsonRpc?: boolean;
  companyCurrency?: string;
}

export interface RecordedCall {
  protocol: "jsonrpc" | "json2" | "web";
  path: string;
  service?: string;
  method?: string;
  model?: string;
  ids?: number[];
  args?: unknown[];
  kwargs?: Values;
  context?: Values;
  authorization?: string;
  database?: string;
}

export interface Failure {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** How many requests in a row fail (default 1). */
  times?: number;
}

/** What the endpoints share. */
export interface FakeOdooState {
  orm: Orm;
  version: string;
  major: number;
  database: string;
  users: FakeOdooUser[];
  sessions: Map<string, number>;
  calls: RecordedCall[];
}

export interface FakeOdoo {
  start(): Promise<{ url: string; close: () => Promise<void> }>;
  readonly calls: RecordedCall[];
  readonly orm: Orm;
  failNext(failure: Failure): void;
  /** The user's password and key stop working, as when an admin revokes them. */
  revokeCredentials(login: string): void;
  /** Every stored field of a model's records, for assertions. */
  records(model: string): Values[];
}

export function createFakeOdoo(options: FakeOdooOptions = {}): FakeOdoo {
  const version = options.version ?? "17.0";
  const major = Number(/(\d+)\.\d+/.exec(version)?.[1] ?? 17);
  const users = (options.users ?? [FAKE_ADMIN]).map((user) => ({ ...user }));
  const companyCurrency = options.companyCurrency ?? "USD";
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const models = new Map<string, ModelDef>();
  const orm = new Orm(models, today);
  const definitions = [
    ...baseModels(),
    ...accountingModels({
      major,
      fullyPaidState: options.fullyPaidState ?? "paid",
      companyCurrencyId: () =>
        [...orm.table("res.currency").values()].find((currency) => currency.name === companyCurrency)?.id ??
        1,
    }),
  ];
  for (const definition of definitions) models.set(definition.name, definition);
  seed(orm, users, companyCurrency);
  const state: FakeOdooState = {
    orm,
    version,
    major,
    database: options.database ?? "acme",
    users,
    sessions: new Map(),
    calls: [],
  };
  const failures: Failure[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const failure = failures[0];
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures.shift();
      response.writeHead(failure.status, { "Content-Type": "text/html; charset=utf-8", ...failure.headers });
      response.end(
        failure.body ??
          `<html><body><h1>${failure.status}</h1><p>The server is unavailable.</p></body></html>`,
      );
      return;
    }
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/jsonrpc" && request.method === "POST" && !options.withoutJsonRpc) {
      return handleJsonRpc(state, body, response);
    }
    if (url.pathname.startsWith("/json/2") && major >= 19)
      return handleJson2(state, request, url.pathname, body, response);
    if (await handleWeb(state, request, url, body, response)) return;
    response.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
    response.end(
      "<html><body><h1>404: Not Found</h1><p>The page you were looking for could not be found.</p></body></html>",
    );
  }

  return {
    calls: state.calls,
    orm,
    failNext(failure) {
      failures.push({ ...failure });
    },
    revokeCredentials(login) {
      const user = users.find((candidate) => candidate.login === login);
      if (user) {
        user.password = randomBytes(16).toString("hex");
        delete user.apiKey;
      }
    },
    records(model) {
      return [...orm.table(model).values()].map((record) => ({ ...record }));
    },
    async start() {
      const server = createServer((request, response) => {
        handle(request, response).catch((error: unknown) => {
          response.writeHead(500, { "Content-Type": "text/plain" });
          response.end(String(error));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve, reject) => {
            server.closeAllConnections();
            server.close((error) => (error ? reject(error) : resolve()));
          }),
      };
    },
  };
}

/** Odoo reads at most this much of a request body in the tests' use; more is a test bug. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large for the fake");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
