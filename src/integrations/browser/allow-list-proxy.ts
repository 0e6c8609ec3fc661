/**
 * @module The one place the browser's allow-list is enforced. Chromium is launched with this in-process
 * HTTP proxy as its only way out, so every connection the browser makes — a typed URL, a redirect hop,
 * a navigation started by page script, a sub-frame, an image, a WebSocket — asks the proxy first, and
 * hosts not on the list are refused before a byte leaves the machine.
 *
 * Why a proxy and not Playwright's `route()`: `route()` is called only for the first URL of a redirect
 * chain (playwright-core documents this), so `302 → https://elsewhere` would slip through. A proxy sees
 * every hop. It sees hosts, not paths, for https (a CONNECT tunnel), which is all an allow-list needs.
 */
import http from "node:http";
import net from "node:net";
import type { Duplex } from "node:stream";
import { portOf } from "./host-allow-list.js";

export interface AllowListProxyOptions {
  /** Asked for every connection the browser opens. */
  allows(host: string, port: number): boolean;
  /** Told about each refused connection, so the session can name the host in its error. */
  onRefused(host: string): void;
  /** Told when an allowed host cannot be reached (DNS failure, connection refused, time-out). */
  onUnreachable(host: string, error: Error): void;
}

export interface AllowListProxy {
  /** `http://127.0.0.1:<port>`, for Chromium's `--proxy-server`. */
  url: string;
  close(): Promise<void>;
}

/** A page that opens thousands of connections must not exhaust the daemon's file descriptors. */
const MAX_CONNECTIONS = 256;
/** Long enough for a slow portal or a long poll, short enough that a stuck upstream is let go. */
const SOCKET_IDLE_TIMEOUT_MS = 120_000;
/** Headers that describe one hop (browser → proxy or proxy → site), never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

const REFUSED_PAGE =
  "Blocked: this host is not on the Payment Portals list in Company_Handbook.md, so the AI Employee's browser may not open it.\n";

function bare(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, "$1");
}

function forwardedHeaders(raw: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] ?? "";
    if (!HOP_BY_HOP.has(name.toLowerCase())) kept.push(name, raw[index + 1] ?? "");
  }
  return kept;
}

export async function startAllowListProxy(options: AllowListProxyOptions): Promise<AllowListProxy> {
  const sockets = new Set<Duplex>();
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: MAX_CONNECTIONS,
    timeout: SOCKET_IDLE_TIMEOUT_MS,
  });

  function track(socket: Duplex): void {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  }

  const server = http.createServer((request, response) => {
    let target: URL;
    try {
      target = new URL(request.url ?? "");
    } catch {
      response
        .writeHead(400, { "content-type": "text/plain" })
        .end("This proxy serves only the AI Employee's browser.\n");
      return;
    }
    if (target.protocol !== "http:" || !options.allows(target.hostname, portOf(target))) {
      options.onRefused(target.hostname);
      response.writeHead(403, { "content-type": "text/plain; charset=utf-8" }).end(REFUSED_PAGE);
      return;
    }
    const upstream = http.request(
      {
        host: bare(target.hostname),
        port: portOf(target),
        method: request.method,
        path: `${target.pathname}${target.search}`,
        headers: forwardedHeaders(request.rawHeaders),
        agent,
        timeout: SOCKET_IDLE_TIMEOUT_MS,
      },
      (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode ?? 502, forwardedHeaders(upstreamResponse.rawHeaders));
        upstreamResponse.pipe(response);
      },
    );
    upstream.once("timeout", () => upstream.destroy(new Error(`no answer from ${target.hostname}`)));
    upstream.once("error", (error) => {
      options.onUnreachable(target.hostname, error);
      if (response.headersSent) response.destroy();
      else
        response
          .writeHead(502, { "content-type": "text/plain" })
          .end(`Could not reach ${target.hostname}.\n`);
    });
    request.pipe(upstream);
  });

  // https and WebSockets arrive as CONNECT host:port; without an 'upgrade' listener, Node drops any
  // other protocol upgrade, which is the safe default.
  server.on("connect", (request: http.IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    client.on("error", () => client.destroy());
    let target: URL;
    try {
      target = new URL(`https://${request.url ?? ""}`);
    } catch {
      client.end("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
      return;
    }
    if (!options.allows(target.hostname, portOf(target))) {
      options.onRefused(target.hostname);
      client.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n");
      return;
    }
    const upstream = net.connect({ host: bare(target.hostname), port: portOf(target) });
    track(upstream);
    upstream.setTimeout(SOCKET_IDLE_TIMEOUT_MS, () =>
      upstream.destroy(new Error(`no answer from ${target.hostname}`)),
    );
    if (client instanceof net.Socket) client.setTimeout(SOCKET_IDLE_TIMEOUT_MS, () => client.destroy());
    let connected = false;
    upstream.once("connect", () => {
      connected = true;
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", (error) => {
      if (!connected) {
        options.onUnreachable(target.hostname, error);
        client.end("HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n");
      } else client.destroy();
    });
    client.once("close", () => upstream.destroy());
  });

  server.maxConnections = MAX_CONNECTIONS;
  server.on("connection", track);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error("the browser proxy has no TCP address");

  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await closed;
    },
  };
}
