/**
 * The daemon's web page, for real: the printed address logs in, the page lists a pending approval, and
 * approving it there runs the work.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, eventually, list, runCli, startDaemon, tempVault } from "../support/cli.js";
import { freePort } from "../support/free-port.js";

describe("the web page", () => {
  it("logs in with the printed token and approves a request", { timeout: 60_000 }, async () => {
    const vault = await tempVault();
    const port = await freePort();
    const env = cleanEnv({ AI_EMPLOYEE_VAULT: vault, DASHBOARD_PORT: String(port) });
    await runCli(["init"], { env });
    await writeFile(
      path.join(vault, "Inbox", "quote.txt"),
      "From: ben@client-b.example\nSubject: Quote\n\nHow much is website maintenance?\n",
    );
    const daemon = await startDaemon([], env);
    try {
      const address = await eventually(
        async () => /web page: (http:\/\/\S+\?token=\S+)/.exec(daemon.output())?.[1],
        10_000,
        "the page's address",
      );
      const [request] = await eventually(
        async () =>
          (await list(vault, "Pending_Approval")).length === 1 ? list(vault, "Pending_Approval") : undefined,
        10_000,
        "a pending request",
      );
      const id = /_(\d{8}-\d{6}-[0-9a-f]+)\.md$/.exec(request!)![1]!;

      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);
      const login = await fetch(address, { redirect: "manual" });
      expect(login.status).toBe(303);
      const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
      const page = await (await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie } })).text();
      expect(page).toContain(id);
      const csrf = new RegExp(`action="/approvals/${id}/approve"[\\s\\S]*?name="csrf" value="([^"]+)"`).exec(
        page,
      )![1]!;

      const forged = await fetch(`http://127.0.0.1:${port}/approvals/${id}/approve`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: "csrf=wrong",
        redirect: "manual",
      });
      expect(forged.status).toBe(403);
      const approved = await fetch(`http://127.0.0.1:${port}/approvals/${id}/approve`, {
        method: "POST",
        headers: {
          cookie,
          "content-type": "application/x-www-form-urlencoded",
          origin: `http://127.0.0.1:${port}`,
        },
        body: `csrf=${encodeURIComponent(csrf)}`,
        redirect: "manual",
      });
      expect(approved.status).toBe(303);
      await eventually(
        async () => ((await list(vault, "Outbox")).some((name) => name.endsWith(".eml")) ? true : undefined),
        10_000,
        "the email in the Outbox",
      );
    } finally {
      daemon.kill("SIGTERM");
    }
  });
});
