import { describe, expect, it } from "vitest";
import { ApprovalFrontMatter } from "../governance/approval-request.js";
import type { DashboardData } from "../vault/dashboard.js";
import type { ApprovalView } from "./approval-page.js";
import { createDashboardApp, SESSION_COOKIE, type DashboardDeps } from "./dashboard-app.js";
import { DECIDED_BY } from "./record-decision.js";

const TOKEN = "token-for-tests-0123456789abcdef";
const NOW = new Date("2026-11-26T10:00:00Z");
const ID = "20261126-013600-7f3a9c";
const HOSTILE = `<script>alert("owned")</script>`;

function approval(overrides: Record<string, unknown> = {}) {
  return ApprovalFrontMatter.parse({
    type: "approval_request",
    id: ID,
    action: "send_email",
    server: "email",
    tool: "send_email",
    parameters: { to: "client@example.com", subject: "Invoice", body: `Hello ${HOSTILE}` },
    payload_sha256: "0".repeat(64),
    recipient: "client@example.com",
    reason: "new contact",
    risk: ["new_contact"],
    created: "2026-11-26T09:00:00.000Z",
    expires: "2026-11-27T09:00:00.000Z",
    ...overrides,
  });
}

function dashboardData(): DashboardData {
  return {
    updated: NOW,
    counts: [{ folder: "Pending_Approval", count: 1 }],
    pending: [
      {
        id: ID,
        file: `SEND_EMAIL_invoice_${ID}.md`,
        summary: `send_email to ${HOSTILE}`,
        expires: "2026-11-27T09:00:00.000Z",
        risks: ["new_contact"],
      },
    ],
    alerts: [{ file: "ALERT_x.md", title: "Gmail paused", severity: "warning" }],
    health: [{ name: "email", state: "ok", detail: "idle", lastError: null }],
    activity: [{ at: NOW, text: "Drafted a reply to client@example.com" }],
  };
}

/** A fake of everything the page is given, recording the calls it receives. */
async function setUp(options: { view?: ApprovalView | undefined; host?: string; decideError?: Error } = {}) {
  const decisions: Parameters<DashboardDeps["decide"]>[] = [];
  const reads: string[] = [];
  const view =
    "view" in options ? options.view : { folder: "Pending_Approval", request: approval(), body: "# Body" };
  const app = createDashboardApp({
    token: TOKEN,
    gather: async () => dashboardData(),
    decide: async (...args) => {
      decisions.push(args);
      if (options.decideError) throw options.decideError;
    },
    readRequest: async (id) => {
      reads.push(id);
      return id === ID ? view : undefined;
    },
    now: () => NOW,
    ...(options.host === undefined ? {} : { host: options.host }),
  });
  const cookie = `${SESSION_COOKIE}=${await signIn(app)}`;
  return { app, decisions, reads, cookie };
}

/** The session cookie's value, learned the way a browser learns it: by opening the printed URL. */
async function signIn(app: ReturnType<typeof createDashboardApp>): Promise<string> {
  const response = await app.request(`/?token=${TOKEN}`);
  return /ai_employee_session=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")![1]!;
}

function csrfFrom(page: string, action: "approve" | "reject", id = ID): string {
  const match = new RegExp(
    `action="/approvals/${id}/${action}">\\s*<input type="hidden" name="csrf" value="([^"]+)"`,
  ).exec(page);
  return match![1]!;
}

async function homePage(app: ReturnType<typeof createDashboardApp>, cookie: string): Promise<string> {
  const response = await app.request("/", { headers: { cookie } });
  expect(response.status).toBe(200);
  return response.text();
}

function post(
  app: ReturnType<typeof createDashboardApp>,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string>,
) {
  return app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

describe("the dashboard's sign-in", () => {
  it("answers 401 with a one-line page to a visitor without the token, and reads nothing", async () => {
    let gathered = 0;
    const app = createDashboardApp({
      token: TOKEN,
      gather: async () => {
        gathered += 1;
        return dashboardData();
      },
      decide: async () => {},
      readRequest: async () => undefined,
      now: () => NOW,
    });
    for (const path of ["/", "/api/status", `/approvals/${ID}`]) {
      const response = await app.request(path);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain("Open the address the employee printed");
    }
    expect((await app.request("/", { headers: { cookie: `${SESSION_COOKIE}=forged` } })).status).toBe(401);
    expect((await app.request("/?token=wrong-token-0123456789")).headers.get("set-cookie")).toBeNull();
    expect(gathered).toBe(0);
  });

  it("turns the token in the URL into an HttpOnly, SameSite=Strict cookie that is not the token", async () => {
    const { app } = await setUp();
    const response = await app.request(`/?token=${TOKEN}`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const value = /ai_employee_session=([^;]+)/.exec(cookie)![1]!;
    expect((await app.request("/", { headers: { cookie: `${SESSION_COOKIE}=${value}` } })).status).toBe(200);
  });

  it("accepts the token as a bearer token for scripts", async () => {
    const { app } = await setUp();
    const response = await app.request("/api/status", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    const status = (await response.json()) as { pending: { id: string }[]; updated: string };
    expect(status.pending[0]!.id).toBe(ID);
    expect(status.updated).toBe(NOW.toISOString());
    expect((await app.request("/api/status", { headers: { authorization: "Bearer nope" } })).status).toBe(
      401,
    );
  });

  it("refuses a Host that is neither loopback nor the configured host, even with the right token", async () => {
    const { app, cookie } = await setUp({ host: "employee.lan" });
    for (const host of ["evil.example", "evil.example:8787", "127.0.0.1.evil.example"]) {
      expect((await app.request("/", { headers: { host, cookie } })).status).toBe(403);
      const login = await app.request(`/?token=${TOKEN}`, { headers: { host } });
      expect(login.status).toBe(403);
      expect(login.headers.get("set-cookie")).toBeNull();
    }
    for (const host of ["127.0.0.1:8787", "localhost:8787", "[::1]:8787", "employee.lan:8787"]) {
      expect((await app.request("/", { headers: { host, cookie } })).status).toBe(200);
    }
  });

  it("refuses a wildcard bind address as a Host name", async () => {
    const { app, cookie } = await setUp({ host: "0.0.0.0" });
    expect((await app.request("/", { headers: { host: "0.0.0.0:8787", cookie } })).status).toBe(403);
  });

  it("refuses a token too short to be a secret", () => {
    expect(() =>
      createDashboardApp({
        token: "short",
        gather: async () => dashboardData(),
        decide: async () => {},
        readRequest: async () => undefined,
        now: () => NOW,
      }),
    ).toThrow(/DASHBOARD_TOKEN must be at least/);
  });
});

describe("the dashboard's pages", () => {
  it("lists a pending approval with its buttons and escapes a hostile summary", async () => {
    const { app, cookie } = await setUp();
    const response = await app.request("/", { headers: { cookie } });
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const page = await response.text();
    expect(page).toContain(`<a href="/approvals/${ID}">${ID}</a>`);
    expect(page).toContain("new_contact");
    expect(page).toContain("2026-11-27 09:00 UTC");
    expect(page).toContain("Gmail paused");
    expect(page).toContain("Drafted a reply to client@example.com");
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;");
    expect(csrfFrom(page, "approve")).toMatch(/^[\w-]{43}$/);
    expect(csrfFrom(page, "reject")).not.toBe(csrfFrom(page, "approve"));
    expect(page).toContain('name="reason"');
  });

  it("shows a request in full, its parameters escaped in a <pre>, with the buttons while it waits", async () => {
    const { app, cookie } = await setUp();
    const response = await app.request(`/approvals/${ID}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).not.toContain("<script>");
    expect(page).toMatch(/<pre>\{\n {2}&quot;to&quot;: &quot;client@example.com&quot;,[^]*&lt;script&gt;/);
    expect(page).toContain("new contact");
    expect(csrfFrom(page, "approve")).toBe(csrfFrom(await homePage(app, cookie), "approve"));
  });

  it("shows a closed request without buttons, and an unknown or malformed id as not found", async () => {
    const closed = await setUp({
      view: { folder: "Done", request: approval({ status: "executed" }), body: "" },
    });
    const page = await (
      await closed.app.request(`/approvals/${ID}`, { headers: { cookie: closed.cookie } })
    ).text();
    expect(page).toContain("nothing to decide");
    expect(page).not.toContain("<form");
    const { app, cookie, reads } = await setUp();
    expect((await app.request("/approvals/20990101-000000-000000", { headers: { cookie } })).status).toBe(
      404,
    );
    expect((await app.request("/approvals/..%2F..%2Fetc", { headers: { cookie } })).status).toBe(404);
    expect(reads).toEqual(["20990101-000000-000000"]);
  });

  it("offers only Reject for an expired request", async () => {
    const { app, cookie } = await setUp({
      view: { folder: "Pending_Approval", request: approval({ expires: "2026-11-26T09:59:00Z" }), body: "" },
    });
    const page = await (await app.request(`/approvals/${ID}`, { headers: { cookie } })).text();
    expect(page).toContain("has expired");
    expect(page).not.toContain(`/approvals/${ID}/approve`);
    expect(page).toContain(`/approvals/${ID}/reject`);
  });

  it("ignores a flash message that the page did not sign", async () => {
    const { app, cookie } = await setUp();
    const response = await app.request("/?flash=Approved%20everything&kind=ok&sig=forged", {
      headers: { cookie },
    });
    expect(await response.text()).not.toContain("Approved everything");
  });
});

describe("the dashboard's decisions", () => {
  it("approves with a valid CSRF token: decide is called once, then the page says so", async () => {
    const { app, cookie, decisions } = await setUp();
    const csrf = csrfFrom(await homePage(app, cookie), "approve");
    const response = await post(
      app,
      `/approvals/${ID}/approve`,
      { csrf },
      { cookie, origin: "http://localhost" },
    );
    expect(response.status).toBe(303);
    expect(decisions).toEqual([[ID, "approved", DECIDED_BY, undefined]]);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/^\/\?flash=/);
    const page = await (await app.request(location, { headers: { cookie } })).text();
    expect(page).toContain(`Approved ${ID} (send_email to client@example.com)`);
  });

  it("rejects with the person's reason", async () => {
    const { app, cookie, decisions } = await setUp();
    const csrf = csrfFrom(await homePage(app, cookie), "reject");
    const response = await post(
      app,
      `/approvals/${ID}/reject`,
      { csrf, reason: "  Wrong client <b>really</b>  " },
      { cookie, referer: `http://localhost/approvals/${ID}` },
    );
    expect(response.status).toBe(303);
    expect(decisions).toEqual([[ID, "rejected", DECIDED_BY, "Wrong client <b>really</b>"]]);
    const page = await (await app.request(response.headers.get("location")!, { headers: { cookie } })).text();
    expect(page).toContain("Wrong client &lt;b&gt;really&lt;/b&gt;");
  });

  it("refuses a POST without the CSRF field, with a wrong one, or with another request's, and calls nothing", async () => {
    const { app, cookie, decisions, reads } = await setUp();
    const page = await homePage(app, cookie);
    const attempts: [string, Record<string, string>][] = [
      [`/approvals/${ID}/approve`, {}],
      [`/approvals/${ID}/approve`, { csrf: "forged" }],
      [`/approvals/${ID}/approve`, { csrf: csrfFrom(page, "reject") }],
      ["/approvals/20990101-000000-000000/approve", { csrf: csrfFrom(page, "approve") }],
    ];
    for (const [path, fields] of attempts) {
      expect((await post(app, path, fields, { cookie })).status).toBe(403);
    }
    expect(decisions).toEqual([]);
    expect(reads).toEqual([]);
  });

  it("refuses a POST from a foreign Origin or Referer even with a valid CSRF token", async () => {
    const { app, cookie, decisions } = await setUp();
    const csrf = csrfFrom(await homePage(app, cookie), "approve");
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "http://localhost:9999" },
      { referer: "https://evil.example/page" },
    ];
    for (const headers of foreign) {
      expect((await post(app, `/approvals/${ID}/approve`, { csrf }, { cookie, ...headers })).status).toBe(
        403,
      );
    }
    expect(decisions).toEqual([]);
  });

  it("refuses a POST without a session before anything else", async () => {
    const { app, decisions } = await setUp();
    expect((await post(app, `/approvals/${ID}/approve`, { csrf: "x" }, {})).status).toBe(401);
    expect(decisions).toEqual([]);
  });

  it("explains a decision on an unknown, closed or expired request instead of deciding it", async () => {
    const cases: [ApprovalView | undefined, "approve" | "reject", string][] = [
      [undefined, "approve", `There is no approval request ${ID}`],
      [
        { folder: "Approved", request: approval({ status: "approved" }), body: "" },
        "reject",
        "is no longer waiting (it is in Approved/",
      ],
      [
        { folder: "Pending_Approval", request: approval({ expires: "2026-11-26T09:00:00Z" }), body: "" },
        "approve",
        "has expired",
      ],
    ];
    for (const [view, action, message] of cases) {
      const { app, cookie, decisions } = await setUp({ view });
      const csrf = csrfFrom(await homePage(app, cookie), action);
      const response = await post(app, `/approvals/${ID}/${action}`, { csrf }, { cookie });
      expect(response.status).toBe(303);
      const page = await (
        await app.request(response.headers.get("location")!, { headers: { cookie } })
      ).text();
      expect(page).toContain(message);
      expect(page).toContain('class="flash error"');
      expect(decisions).toEqual([]);
    }
  });

  it("shows the desk's refusal as a sentence, not a stack trace", async () => {
    const { app, cookie, decisions } = await setUp({
      decideError: new Error(`approval request ${ID} is already closed (executed)`),
    });
    const csrf = csrfFrom(await homePage(app, cookie), "approve");
    const response = await post(app, `/approvals/${ID}/approve`, { csrf }, { cookie });
    const page = await (await app.request(response.headers.get("location")!, { headers: { cookie } })).text();
    expect(decisions).toHaveLength(1);
    expect(page).toContain(
      `Request ${ID} was not approved: approval request ${ID} is already closed (executed)`,
    );
    expect(page).not.toContain("    at ");
  });
});
