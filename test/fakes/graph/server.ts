/**
 * @module A fake Meta Graph API: a real HTTP server on 127.0.0.1 (port 0) assembled from route tables, so
 * WhatsApp routes (whatsapp-routes.ts) and, later, Facebook/Instagram routes can share one server the
 * way they share one Graph host. It checks the bearer token like Graph (error 190 when missing, wrong or
 * expired), answers unknown paths with Graph's "object does not exist" error, and records every call.
 *
 * A route that does not own the object id in its path (`GET /{id}` is shared by every Graph object)
 * calls `next()` so the next table can answer.
 */
import { serve } from "@hono/node-server";
import { Hono, type Context, type Handler } from "hono";
import type { AddressInfo } from "node:net";
import { graphError } from "./graph-error-response.js";

export interface GraphCall {
  method: string;
  /** The path without the query, e.g. `/v26.0/123/messages`. */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  /** JSON bodies as parsed; multipart and form bodies as fields, files as `{ name, type, size }`. */
  body: unknown;
}

export interface GraphRoute {
  method: "GET" | "POST" | "DELETE";
  /** A hono path pattern, e.g. `/:version/:phoneNumberId/messages`. */
  path: string;
  handler: Handler;
}

export interface FakeGraphServerOptions {
  accessToken: string;
  routes: readonly GraphRoute[];
}

export interface FakeGraphServer {
  readonly calls: GraphCall[];
  /** From now on the token is expired: every call gets error 190 (subcode 463). */
  expireToken(): void;
  start(): Promise<{ url: string; close: () => Promise<void> }>;
}

export function createFakeGraphServer(options: FakeGraphServerOptions): FakeGraphServer {
  const calls: GraphCall[] = [];
  let tokenExpired = false;
  const app = new Hono();

  app.use("*", async (c, next) => {
    calls.push({
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      query: c.req.query(),
      authorization: c.req.header("authorization"),
      body: await recordedBody(c),
    });
    const bearer =
      /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1] ?? c.req.query("access_token");
    if (!bearer) {
      return graphError(c, 401, {
        code: 190,
        message: "An active access token must be used to query information.",
      });
    }
    if (bearer !== options.accessToken) {
      return graphError(c, 401, {
        code: 190,
        message: "Invalid OAuth access token - Cannot parse access token",
      });
    }
    if (tokenExpired) {
      return graphError(c, 401, {
        code: 190,
        subcode: 463,
        message: "Error validating access token: Session has expired on Wednesday, 25-Nov-26 10:00:00 PST.",
      });
    }
    await next();
  });

  for (const route of options.routes) {
    app.on(route.method, route.path, route.handler);
  }

  app.notFound((c) =>
    graphError(c, 400, {
      code: 100,
      subcode: 33,
      message: `Unsupported ${c.req.method.toLowerCase()} request. Object with ID '${objectId(c)}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    }),
  );

  return {
    calls,
    expireToken() {
      tokenExpired = true;
    },
    start() {
      return new Promise((resolve) => {
        const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
          resolve({
            url: `http://127.0.0.1:${info.port}`,
            close: () =>
              new Promise<void>((done, fail) => {
                server.close((error) => (error ? fail(error) : done()));
                // Keep-alive sockets from fetch would hold close() open.
                if ("closeAllConnections" in server) server.closeAllConnections();
              }),
          });
        });
      });
    },
  };
}

async function recordedBody(c: Context): Promise<unknown> {
  if (c.req.method === "GET" || c.req.method === "HEAD") return undefined;
  const type = c.req.header("content-type") ?? "";
  try {
    if (type.includes("application/json")) return await c.req.json<unknown>();
    if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded")) {
      const fields = await c.req.parseBody({ all: true });
      return Object.fromEntries(
        Object.entries(fields).map(([key, value]) => [
          key,
          value instanceof File ? { name: value.name, type: value.type, size: value.size } : value,
        ]),
      );
    }
    return await c.req.text();
  } catch {
    return "(unreadable body)";
  }
}

function objectId(c: Context): string {
  const segments = new URL(c.req.url).pathname.split("/").filter(Boolean);
  return segments[1] ?? segments[0] ?? "";
}
