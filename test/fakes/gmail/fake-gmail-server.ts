/**
 * @module A fake Gmail REST API (v1) and Google OAuth token endpoint on 127.0.0.1, written from Google's
 * reference: users.getProfile, messages.list / get (raw, metadata, minimal) / send, history.list,
 * drafts.create; the error envelope `{ error: { code, message, errors: [{ reason, domain }], status } }`
 * with 401 for a missing or revoked token (WWW-Authenticate), 404 for an unknown message or a stale
 * startHistoryId, 400 for a message without recipients, and injectable 429 (with Retry-After) and 5xx.
 * The token endpoint answers `invalid_grant` for an unknown refresh token. Every call is recorded.
 *
 * @example
 * const gmail = createFakeGmail({ refreshToken: "refresh-1" });
 * const { url, close } = await gmail.start(); // GMAIL_API_BASE_URL=url, GMAIL_OAUTH_URL=`${url}/token`
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createFakeGoogleOAuth } from "./fake-google-oauth.js";
import { page, readBody, sendError, sendJson } from "./gmail-wire.js";
import {
  createGmailMailbox,
  header,
  headersOf,
  UnsupportedQuery,
  type StoredMessage,
} from "./gmail-mailbox.js";

export interface FakeGmailOptions {
  emailAddress?: string;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** Seconds an access token lives (Google: 3599). */
  tokenLifetimeSeconds?: number;
  now?: () => Date;
}

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: unknown;
}

interface InjectedFailure {
  status: number;
  retryAfter?: string;
  reason?: string;
  /** Only calls whose path contains this fail. */
  pathIncludes?: string;
}

export function createFakeGmail(options: FakeGmailOptions = {}) {
  const now = options.now ?? (() => new Date());
  const mailbox = createGmailMailbox({ emailAddress: options.emailAddress ?? "me@business.example", now });
  const oauth = createFakeGoogleOAuth({
    clientId: options.clientId ?? "client-id.apps.googleusercontent.com",
    clientSecret: options.clientSecret ?? "client-secret-value",
    refreshToken: options.refreshToken ?? "1//refresh-token-value",
    // Google's access tokens live an hour less a second.
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    now,
  });
  const calls: RecordedCall[] = [];
  const failures: InjectedFailure[] = [];
  const drafts = new Map<string, string>();

  function resource(message: StoredMessage, format: string, metadataHeaders: string[]) {
    const text = message.raw.toString("utf8");
    const bodyStart = text.search(/\r?\n\r?\n/);
    const base = {
      id: message.id,
      threadId: message.threadId,
      labelIds: message.labelIds,
      snippet: (bodyStart < 0 ? "" : text.slice(bodyStart).replace(/\s+/g, " ").trim()).slice(0, 100),
      sizeEstimate: message.raw.length,
      historyId: String(message.historyId),
      internalDate: String(message.internalDate),
    };
    if (format === "raw") return { ...base, raw: message.raw.toString("base64url") };
    if (format === "minimal") return base;
    const wanted = metadataHeaders.map((name) => name.toLowerCase());
    const headers = headersOf(message.raw).filter(
      (entry) => wanted.length === 0 || wanted.includes(entry.name.toLowerCase()),
    );
    return {
      ...base,
      payload: { mimeType: header(message.raw, "Content-Type")?.split(";")[0] ?? "text/plain", headers },
    };
  }

  /** Gmail threads a sent message only when the thread exists, the subject matches and it answers a message of it. */
  function threadFor(raw: Buffer, requested: string | undefined): string | undefined {
    if (!requested) return undefined;
    const thread = [...mailbox.messages.values()].filter((message) => message.threadId === requested);
    if (thread.length === 0) return undefined;
    const bare = (subject: string | undefined) =>
      (subject ?? "")
        .replace(/^(re|fwd?):\s*/i, "")
        .trim()
        .toLowerCase();
    const ids = `${header(raw, "In-Reply-To") ?? ""} ${header(raw, "References") ?? ""}`;
    const answers = thread.some((message) => {
      const id = header(message.raw, "Message-ID");
      return id !== undefined && ids.includes(id);
    });
    const sameSubject = thread.some(
      (message) => bare(header(message.raw, "Subject")) === bare(header(raw, "Subject")),
    );
    return answers && sameSubject ? requested : undefined;
  }

  async function api(request: IncomingMessage, response: ServerResponse, url: URL) {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (!oauth.valid(bearer)) {
      sendError(response, 401, "Invalid Credentials", "authError", {
        "www-authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
      });
      return;
    }
    const failure = failures.findIndex(
      (entry) => !entry.pathIncludes || url.pathname.includes(entry.pathIncludes),
    );
    if (failure >= 0) {
      const [injected] = failures.splice(failure, 1);
      if (injected) {
        const reason = injected.reason ?? (injected.status === 429 ? "rateLimitExceeded" : "backendError");
        const message = injected.status === 429 ? "User-rate limit exceeded." : "Backend Error";
        sendError(
          response,
          injected.status,
          message,
          reason,
          injected.retryAfter ? { "retry-after": injected.retryAfter } : {},
        );
        return;
      }
    }
    const route = url.pathname.replace(/^\/gmail\/v1\/users\/(me|[^/]+)\//, "");
    const query = url.searchParams;
    const method = request.method ?? "GET";
    const text = method === "POST" ? await readBody(request) : "";
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      sendError(response, 400, "Invalid JSON payload received.", "parseError");
      return;
    }
    calls.push({
      method,
      path: url.pathname,
      query: Object.fromEntries([...query.keys()].map((key) => [key, query.getAll(key)])),
      body,
    });

    if (method === "GET" && route === "profile") {
      sendJson(response, 200, {
        emailAddress: mailbox.emailAddress,
        messagesTotal: mailbox.messages.size,
        threadsTotal: new Set([...mailbox.messages.values()].map((message) => message.threadId)).size,
        historyId: String(mailbox.historyId),
      });
      return;
    }
    if (method === "GET" && route === "messages") {
      const labels = query.getAll("labelIds");
      let found: StoredMessage[];
      try {
        found = mailbox.search(query.get("q") ?? "", query.get("includeSpamTrash") === "true");
      } catch (error) {
        if (error instanceof UnsupportedQuery) {
          sendError(response, 400, `Invalid query: ${error.message}`, "invalidArgument");
          return;
        }
        throw error;
      }
      found = found.filter((message) => labels.every((label) => message.labelIds.includes(label)));
      const { items, nextPageToken } = page(found, query);
      sendJson(response, 200, {
        ...(items.length > 0
          ? { messages: items.map((message) => ({ id: message.id, threadId: message.threadId })) }
          : {}),
        ...(nextPageToken ? { nextPageToken } : {}),
        resultSizeEstimate: found.length,
      });
      return;
    }
    const single = /^messages\/([^/]+)$/.exec(route);
    if (method === "GET" && single) {
      const message = mailbox.messages.get(decodeURIComponent(single[1] ?? ""));
      if (!message) {
        sendError(response, 404, "Requested entity was not found.", "notFound");
        return;
      }
      sendJson(
        response,
        200,
        resource(message, query.get("format") ?? "full", query.getAll("metadataHeaders")),
      );
      return;
    }
    if (method === "GET" && route === "history") {
      const start = Number(query.get("startHistoryId"));
      if (!Number.isFinite(start) || start <= 0) {
        sendError(response, 400, "Invalid startHistoryId", "invalidArgument");
        return;
      }
      const records = mailbox.historySince(start);
      if (!records) {
        sendError(response, 404, "Requested entity was not found.", "notFound");
        return;
      }
      const label = query.get("labelId");
      const relevant = records.filter((record) => !label || record.message.labelIds.includes(label));
      const { items, nextPageToken } = page(relevant, query);
      sendJson(response, 200, {
        ...(items.length > 0
          ? {
              history: items.map((record) => ({
                id: String(record.id),
                messages: [{ id: record.message.id, threadId: record.message.threadId }],
                messagesAdded: [{ message: record.message }],
              })),
            }
          : {}),
        ...(nextPageToken ? { nextPageToken } : {}),
        historyId: String(mailbox.historyId),
      });
      return;
    }
    if (method === "POST" && (route === "messages/send" || route === "drafts")) {
      const container = (route === "drafts" ? (body as { message?: unknown } | undefined)?.message : body) as
        { raw?: unknown; threadId?: unknown } | undefined;
      if (typeof container?.raw !== "string") {
        sendError(
          response,
          400,
          "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
          "invalidArgument",
        );
        return;
      }
      const raw = Buffer.from(container.raw, "base64url");
      const isDraft = route === "drafts";
      if (!isDraft && !["To", "Cc", "Bcc"].some((name) => header(raw, name))) {
        sendError(response, 400, "Invalid To header", "invalidArgument");
        return;
      }
      const threadId = threadFor(
        raw,
        typeof container.threadId === "string" ? container.threadId : undefined,
      );
      // Gmail removes Bcc from what it delivers; it keeps it on a draft.
      const stored = mailbox.add(raw, isDraft ? ["DRAFT"] : ["SENT"], threadId);
      if (isDraft) {
        const draftId = `r${randomBytes(8).readBigUInt64BE().toString()}`;
        drafts.set(draftId, stored.id);
        sendJson(response, 200, {
          id: draftId,
          message: { id: stored.id, threadId: stored.threadId, labelIds: stored.labelIds },
        });
      } else {
        sendJson(response, 200, { id: stored.id, threadId: stored.threadId, labelIds: stored.labelIds });
      }
      return;
    }
    sendError(response, 404, "Not Found", "notFound");
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const handled = url.pathname === "/token" ? oauth.handle(request, response) : api(request, response, url);
    handled.catch((error: unknown) => {
      if (!response.headersSent)
        sendError(response, 500, `fake failed: ${(error as Error).message}`, "backendError");
      else response.destroy();
    });
  });

  return {
    mailbox,
    calls,
    tokenRequests: oauth.tokenRequests,
    drafts,
    /** Every access token issued so far answers 401, as after a revocation. */
    revokeAccessTokens() {
      oauth.revokeAll();
    },
    /** The next API call (optionally only one whose path contains `pathIncludes`) fails this way. */
    failNext(failure: InjectedFailure) {
      failures.push(failure);
    },
    async start(): Promise<{ url: string; close: () => Promise<void> }> {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
  };
}

export type FakeGmail = ReturnType<typeof createFakeGmail>;
