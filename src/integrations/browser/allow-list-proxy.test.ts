import http from "node:http";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAllowListProxy, type AllowListProxy } from "./allow-list-proxy.js";

describe("the allow-list proxy", () => {
  let site: http.Server;
  let sitePort = 0;
  const siteHosts: string[] = [];
  let proxy: AllowListProxy;
  const refused: string[] = [];
  const unreachable: string[] = [];

  beforeAll(async () => {
    site = http.createServer((request, response) => {
      siteHosts.push(request.headers.host ?? "");
      response
        .writeHead(200, { "content-type": "text/plain", "x-site": "yes" })
        .end(`hello ${request.method} ${request.url}`);
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    sitePort = (site.address() as { port: number }).port;
    proxy = await startAllowListProxy({
      allows: (host) => host === "127.0.0.1",
      onRefused: (host) => refused.push(host),
      onUnreachable: (host) => unreachable.push(host),
    });
  });

  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => site.close(resolve));
  });

  const proxyPort = (): number => Number(new URL(proxy.url).port);

  function viaProxy(
    target: string,
    method = "GET",
  ): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: "127.0.0.1",
          port: proxyPort(),
          method,
          path: target,
          headers: { host: new URL(target).host },
        },
        (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (body += chunk));
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
          );
        },
      );
      request.on("error", reject);
      request.end(method === "POST" ? "a=1" : undefined);
    });
  }

  function connect(authority: string): Promise<{ status: number; socket: Socket }> {
    return new Promise((resolve, reject) => {
      const request = http.request({
        host: "127.0.0.1",
        port: proxyPort(),
        method: "CONNECT",
        path: authority,
      });
      request.on("connect", (response, socket) => resolve({ status: response.statusCode ?? 0, socket }));
      request.on("error", reject);
      request.end();
    });
  }

  it("forwards plain http to an allowed host, with its answer", async () => {
    const answer = await viaProxy(`http://127.0.0.1:${sitePort}/page?x=1`, "POST");
    expect(answer).toMatchObject({ status: 200, body: "hello POST /page?x=1" });
    expect(answer.headers["x-site"]).toBe("yes");
  });

  it("refuses plain http to another host without contacting it", async () => {
    const before = siteHosts.length;
    const answer = await viaProxy(`http://localhost:${sitePort}/steal?card=4242`);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("Payment Portals");
    expect(refused).toContain("localhost");
    expect(siteHosts.length).toBe(before);
  });

  it("tunnels CONNECT to an allowed host and refuses it to another", async () => {
    const allowed = await connect(`127.0.0.1:${sitePort}`);
    expect(allowed.status).toBe(200);
    const reply = await new Promise<string>((resolve) => {
      let text = "";
      allowed.socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
        if (text.includes("hello")) resolve(text);
      });
      allowed.socket.write(
        `GET /tunnel HTTP/1.1\r\nHost: 127.0.0.1:${sitePort}\r\nConnection: close\r\n\r\n`,
      );
    });
    expect(reply).toContain("hello GET /tunnel");
    allowed.socket.destroy();

    const denied = await connect(`localhost:${sitePort}`);
    expect(denied.status).toBe(403);
    denied.socket.destroy();
    expect(refused.filter((host) => host === "localhost").length).toBeGreaterThanOrEqual(2);
  });

  it("answers 502 and reports an allowed host that cannot be reached", async () => {
    const closed = await connect("127.0.0.1:1");
    expect(closed.status).toBe(502);
    closed.socket.destroy();
    expect((await viaProxy("http://127.0.0.1:1/")).status).toBe(502);
    expect(unreachable).toEqual(["127.0.0.1", "127.0.0.1"]);
  });
});
