/**
 * @module The local web page, served by the daemon on 127.0.0.1 (DASHBOARD_HOST, DASHBOARD_PORT; 0 turns
 * it off). Without DASHBOARD_TOKEN a fresh token is made at each start and the page's address, token
 * included, is printed once. A port already taken costs the page, never the employee.
 */
import { randomBytes } from "node:crypto";
import { serve } from "@hono/node-server";
import { createDashboardApp } from "../dashboard/dashboard-app.js";
import { recordPersonDecision } from "../governance/record-person-decision.js";
import type { Employee } from "./employee.js";

export function serveDashboard(
  employee: Employee,
  deps: { say(line: string): void; onDecision(): void },
): { close(): Promise<void> } | undefined {
  const { port, host, token: configured } = employee.config.dashboard;
  if (port === 0) {
    employee.health.set("dashboard", "disabled", "DASHBOARD_PORT=0");
    return undefined;
  }
  const token = configured ?? randomBytes(24).toString("hex");
  const app = createDashboardApp({
    token,
    host,
    now: () => new Date(),
    gather: () => employee.dashboard.gather(),
    async decide(id, verdict, by, reason) {
      await recordPersonDecision({ desk: employee.desk, audit: employee.audit }, id, verdict, by, reason);
      deps.onDecision();
    },
    async readRequest(id) {
      const stored = await employee.desk.find(id);
      return stored && { folder: stored.folder, request: stored.request, body: stored.note.body };
    },
    onError: (error) =>
      employee.health.failure(
        "dashboard",
        employee.redactor.text(error instanceof Error ? error.message : String(error)),
      ),
  });
  const server = serve({ fetch: app.fetch, port, hostname: host });
  server.on("error", (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === "EADDRINUSE"
        ? `port ${port} is taken: set DASHBOARD_PORT to another port, or 0 to turn the page off`
        : error.message;
    employee.health.set("dashboard", "down", reason);
    deps.say(`warning: the web page is off: ${reason}`);
  });
  server.on("listening", () => {
    employee.health.set("dashboard", "ok", `http://${host}:${port}/`);
    deps.say(`web page: http://${host}:${port}/?token=${configured ? "<DASHBOARD_TOKEN>" : token}`);
  });
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
