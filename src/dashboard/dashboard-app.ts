/**
 * @module The local web page (DESIGN.md: binds to 127.0.0.1 by default, needs a token, state-changing
 * requests are CSRF-safe) as a hono app with no transport inside: the daemon serves it with
 * @hono/node-server on DASHBOARD_HOST:DASHBOARD_PORT.
 *
 * - Every request must name a loopback host or DASHBOARD_HOST (DNS-rebinding defence), else 403.
 * - The first visit is `/?token=…`: the right token sets an HttpOnly, SameSite=Strict cookie holding an
 *   HMAC of the token and redirects to the same page without the token; afterwards the cookie, or
 *   `Authorization: Bearer <token>`, is needed for everything, else 401.
 * - `POST /approvals/:id/approve|reject` needs the form's `csrf` field (an HMAC of the session, the action
 *   and the request) and, when the browser sends one, an Origin (or Referer) of this page, else 403.
 *
 * @example
 * const app = createDashboardApp({ token, gather: writer.gather, decide, readRequest, now: () => new Date() });
 * serve({ fetch: app.fetch, hostname: config.dashboard.host, port: config.dashboard.port });
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import type { DashboardData } from "../vault/dashboard.js";
import { renderApprovalPage, type ApprovalView } from "./approval-page.js";
import { MAX_REASON_LENGTH } from "./decision-forms.js";
import { flashQuery, readFlash } from "./flash-message.js";
import { renderHomePage } from "./home-page.js";
import { renderMessagePage } from "./page-layout.js";
import { recordDecision } from "./record-decision.js";
import { isAllowedHost, isSameOrigin } from "./request-origin.js";
import { createSessionKeys, type DecisionAction } from "./session-keys.js";

export interface DashboardDeps {
  /** The secret in the printed URL (DASHBOARD_TOKEN, or one generated at start-up). */
  token: string;
  gather(): Promise<DashboardData>;
  /** Records a person's decision (the approval desk) and, for a rejection, the audit line. */
  decide(id: string, verdict: "approved" | "rejected", by: string, reason?: string): Promise<void>;
  /** The request wherever it is now, or undefined when no request has this id. */
  readRequest(id: string): Promise<ApprovalView | undefined>;
  now(): Date;
  /** DASHBOARD_HOST: the page answers to this name as well as to loopback names (a wildcard adds none). */
  host?: string;
  /** A failure behind a page: the person sees one line, this hears the error (for the log). */
  onError?(error: unknown): void;
}

export const SESSION_COOKIE = "ai_employee_session";
/** A decision form is a token and a sentence; anything bigger is not from this page. */
const MAX_FORM_BYTES = 16 * 1024;
/** Note ids (`20261126-013600-7f3a9c`); anything else never reaches the vault. */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  // Pages carry CSRF tokens and the vault's content: nothing is kept in a cache.
  "Cache-Control": "no-store",
};

/** The Host the browser sent; `app.request()` in tests sends none, so the URL's host stands in. */
function requestHost(header: string | undefined, url: string): string {
  return header ?? new URL(url).host;
}

// Refusals say one line and nothing an intruder could use.
const UNAUTHORISED_PAGE = renderMessagePage(
  "Sign-in needed",
  "Open the address the employee printed when it started.",
);
const UNAUTHORISED_HEADERS = { "WWW-Authenticate": 'Bearer realm="ai-employee"' };
const WRONG_HOST_PAGE = renderMessagePage(
  "Refused",
  "This page answers only to localhost or its configured host name.",
);
const FORBIDDEN_PAGE = renderMessagePage(
  "Refused",
  "This request did not come from the dashboard page: reload it and try again.",
);
const TOO_LARGE_PAGE = renderMessagePage("Too large", "That form was larger than the dashboard sends.");
const NOT_FOUND_PAGE = renderMessagePage(
  "Not found",
  "There is no such page: go back to the dashboard at /.",
);
const FAILED_PAGE = renderMessagePage(
  "Something went wrong",
  "The page could not be built: reload it in a moment.",
);

export function createDashboardApp(deps: DashboardDeps): Hono {
  const keys = createSessionKeys(deps.token);
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });

  app.use(async (c, next) => {
    if (!isAllowedHost(requestHost(c.req.header("host"), c.req.url), deps.host)) {
      return c.html(WRONG_HOST_PAGE, 403);
    }
    await next();
  });

  app.use(async (c, next) => {
    const token = c.req.query("token");
    if (token !== undefined && c.req.method === "GET") {
      if (!keys.tokenMatches(token)) return c.html(UNAUTHORISED_PAGE, 401, UNAUTHORISED_HEADERS);
      setCookie(c, SESSION_COOKIE, keys.session, { httpOnly: true, sameSite: "Strict", path: "/" });
      // The token leaves the address bar (and the history) at once.
      const url = new URL(c.req.url);
      url.searchParams.delete("token");
      return c.redirect(url.pathname + url.search, 303);
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const signedIn =
      (cookie !== undefined && keys.sessionMatches(cookie)) ||
      (bearer !== undefined && keys.tokenMatches(bearer));
    if (!signedIn) return c.html(UNAUTHORISED_PAGE, 401, UNAUTHORISED_HEADERS);
    await next();
  });

  app.get("/", async (c) => {
    const data = await deps.gather();
    const flash = readFlash(keys, (name) => c.req.query(name));
    return c.html(renderHomePage({ data, keys, now: deps.now(), flash }));
  });

  app.get("/api/status", async (c) => c.json(await deps.gather()));

  app.get("/approvals/:id", async (c) => {
    const id = c.req.param("id");
    const noSuch = () => c.html(renderMessagePage("Not found", `There is no approval request ${id}.`), 404);
    if (!REQUEST_ID.test(id)) return noSuch();
    let view: ApprovalView | undefined;
    try {
      view = await deps.readRequest(id);
    } catch (error) {
      deps.onError?.(error);
      const message = error instanceof Error ? error.message : String(error);
      return c.html(renderMessagePage("Cannot be read", `Request ${id} cannot be read: ${message}`), 500);
    }
    if (!view) return noSuch();
    const flash = readFlash(keys, (name) => c.req.query(name));
    return c.html(renderApprovalPage({ view, keys, now: deps.now(), flash }));
  });

  app.post(
    "/approvals/:id/:action{approve|reject}",
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) => c.html(TOO_LARGE_PAGE, 413),
    }),
    async (c) => {
      const id = c.req.param("id");
      const action = c.req.param("action") as DecisionAction;
      const headers = { origin: c.req.header("origin"), referer: c.req.header("referer") };
      if (!isSameOrigin(headers, requestHost(c.req.header("host"), c.req.url)))
        return c.html(FORBIDDEN_PAGE, 403);
      const form: Record<string, unknown> = await c.req.parseBody().catch(() => ({}));
      const csrf = form.csrf;
      if (typeof csrf !== "string" || !REQUEST_ID.test(id) || !keys.csrfMatches(csrf, action, id)) {
        return c.html(FORBIDDEN_PAGE, 403);
      }
      const reason = typeof form.reason === "string" ? form.reason.trim().slice(0, MAX_REASON_LENGTH) : "";
      const flash = await recordDecision(deps, action, id, reason);
      return c.redirect(`/${flashQuery(keys, flash)}`, 303);
    },
  );

  app.notFound((c) => c.html(NOT_FOUND_PAGE, 404));

  app.onError((error, c) => {
    deps.onError?.(error);
    return c.html(FAILED_PAGE, 500);
  });

  return app;
}
