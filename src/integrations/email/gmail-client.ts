/**
 * @module A thin `fetch` client for the Gmail REST API (v1): an access token from the refresh token at
 * Google's OAuth endpoint (cached until shortly before it expires, refreshed once on a 401), then
 * messages.list / get, history.list, messages.send, drafts.create and users.getProfile. Both base URLs
 * are configurable so tests and proxies can stand in for Google. Responses are bounded in size.
 */
import type { z } from "zod";
import { DataError } from "../../governance/errors/data-error.js";
import { createRedactor } from "../../governance/redact.js";
import type { GmailSettings } from "./email-account-config.js";
import { createGmailAccessToken } from "./gmail-access-token.js";
import { gmailApiError } from "./gmail-error.js";
import { gmailFetch, parseJson, readBody, ResponseTooLarge } from "./gmail-http.js";
import {
  gmailDraftSchema,
  gmailHistoryListSchema,
  gmailMessageListSchema,
  gmailMessageSchema,
  gmailProfileSchema,
  type GmailMessage,
} from "./gmail-schemas.js";

export interface GmailClientDeps {
  settings: GmailSettings;
  fetch: typeof fetch;
  now: () => Date;
}

export type GmailHistory =
  | {
      status: "ok";
      added: { id: string; threadId: string; labelIds: string[] }[];
      historyId: string;
      nextPageToken?: string;
    }
  /** Google answered 404: the start id is too old (ids stay valid about a week); a full sync is needed. */
  | { status: "stale" };

export interface GmailClient {
  getProfile(signal?: AbortSignal): Promise<{ emailAddress: string; historyId: string }>;
  listMessages(
    query: { q?: string; maxResults?: number; pageToken?: string; labelIds?: string[] },
    signal?: AbortSignal,
  ): Promise<{ messages: { id: string; threadId: string }[]; nextPageToken?: string }>;
  /** The whole message (format=raw), or `tooLarge` when it exceeds `maxBytes`. */
  getRawMessage(
    id: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<{ status: "ok"; message: GmailMessage; raw: Buffer } | { status: "tooLarge" }>;
  /** Headers only (format=metadata), for search results and the sent history. */
  getMessageMetadata(id: string, headers: string[], signal?: AbortSignal): Promise<GmailMessage>;
  listHistory(
    query: { startHistoryId: string; pageToken?: string; labelId?: string },
    signal?: AbortSignal,
  ): Promise<GmailHistory>;
  sendMessage(
    message: { raw: Buffer; threadId?: string },
    signal?: AbortSignal,
  ): Promise<{ id: string; threadId: string }>;
  createDraft(
    message: { raw: Buffer; threadId?: string },
    signal?: AbortSignal,
  ): Promise<{ id: string; message: { id: string; threadId: string } }>;
}

/** JSON answers other than a raw message (lists, metadata) are small; this bounds a broken one. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;
/** base64url carries three bytes in four characters; JSON framing adds a little. */
const RAW_ENCODING_OVERHEAD = 4 / 3;
const RAW_FRAMING_BYTES = 64 * 1024;

export function createGmailClient(deps: GmailClientDeps): GmailClient {
  const { settings } = deps;
  const token = createGmailAccessToken(deps);
  const redact = (text: string) => createRedactor().text(token.redact(text));

  async function request<S extends z.ZodType>(
    schema: S,
    path: string,
    options: {
      method?: string;
      query?: URLSearchParams;
      body?: unknown;
      signal?: AbortSignal;
      maxBytes?: number;
      doing: string;
    },
  ): Promise<{ status: "ok"; value: z.infer<S> } | { status: "notFound" }> {
    const url = `${settings.apiBaseUrl}/gmail/v1/users/me/${path}${options.query?.size ? `?${options.query.toString()}` : ""}`;
    for (let attempt = 1; ; attempt += 1) {
      const bearer = await token.get(options.signal);
      const response = await gmailFetch(
        deps.fetch,
        url,
        {
          method: options.method ?? "GET",
          headers: {
            authorization: `Bearer ${bearer}`,
            ...(options.body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        },
        { signal: options.signal, doing: options.doing, redact },
      );
      // An access token can be revoked before its expiry: refresh once, then it is a real auth failure.
      if (response.status === 401 && attempt === 1) {
        await response.body?.cancel();
        token.invalidate();
        continue;
      }
      let body: string;
      try {
        body = await readBody(response, options.maxBytes ?? MAX_JSON_BYTES);
      } catch (error) {
        if (error instanceof ResponseTooLarge && options.maxBytes === undefined) {
          throw new DataError(`Gmail's answer while ${options.doing} was larger than expected`);
        }
        throw error;
      }
      if (response.status === 404) return { status: "notFound" };
      if (!response.ok)
        throw gmailApiError(response.status, response.headers, body, {
          doing: options.doing,
          now: deps.now(),
          redact,
        });
      const parsed = schema.safeParse(parseJson(body));
      if (!parsed.success)
        throw new DataError(`Gmail answered in an unexpected shape while ${options.doing}`);
      return { status: "ok", value: parsed.data };
    }
  }

  async function required<S extends z.ZodType>(
    schema: S,
    path: string,
    options: Parameters<typeof request>[2],
  ): Promise<z.infer<S>> {
    const result = await request(schema, path, options);
    if (result.status === "notFound")
      throw new DataError(`Gmail answered 404 while ${options.doing}: not found`);
    return result.value;
  }

  return {
    getProfile: (signal) => required(gmailProfileSchema, "profile", { signal, doing: "reading the profile" }),
    async listMessages(query, signal) {
      const params = new URLSearchParams();
      if (query.q) params.set("q", query.q);
      if (query.maxResults) params.set("maxResults", String(query.maxResults));
      if (query.pageToken) params.set("pageToken", query.pageToken);
      for (const label of query.labelIds ?? []) params.append("labelIds", label);
      const list = await required(gmailMessageListSchema, "messages", {
        query: params,
        signal,
        doing: "listing messages",
      });
      return {
        messages: list.messages ?? [],
        ...(list.nextPageToken ? { nextPageToken: list.nextPageToken } : {}),
      };
    },
    async getRawMessage(id, maxBytes, signal) {
      try {
        const message = await required(gmailMessageSchema, `messages/${encodeURIComponent(id)}`, {
          query: new URLSearchParams({ format: "raw" }),
          signal,
          maxBytes: Math.ceil(maxBytes * RAW_ENCODING_OVERHEAD) + RAW_FRAMING_BYTES,
          doing: `reading message ${id}`,
        });
        if (message.raw === undefined)
          throw new DataError(`Gmail returned message ${id} without its raw content`);
        return { status: "ok", message, raw: Buffer.from(message.raw, "base64url") };
      } catch (error) {
        if (error instanceof ResponseTooLarge) return { status: "tooLarge" };
        throw error;
      }
    },
    getMessageMetadata(id, headers, signal) {
      const params = new URLSearchParams({ format: "metadata" });
      for (const header of headers) params.append("metadataHeaders", header);
      return required(gmailMessageSchema, `messages/${encodeURIComponent(id)}`, {
        query: params,
        signal,
        doing: `reading message ${id}`,
      });
    },
    async listHistory(query, signal) {
      const params = new URLSearchParams({
        startHistoryId: query.startHistoryId,
        historyTypes: "messageAdded",
      });
      if (query.pageToken) params.set("pageToken", query.pageToken);
      if (query.labelId) params.set("labelId", query.labelId);
      const result = await request(gmailHistoryListSchema, "history", {
        query: params,
        signal,
        doing: "listing history",
      });
      if (result.status === "notFound") return { status: "stale" };
      const added = (result.value.history ?? []).flatMap((record) =>
        (record.messagesAdded ?? []).map(({ message }) => ({
          id: message.id,
          threadId: message.threadId,
          labelIds: message.labelIds ?? [],
        })),
      );
      return {
        status: "ok",
        added,
        historyId: result.value.historyId,
        ...(result.value.nextPageToken ? { nextPageToken: result.value.nextPageToken } : {}),
      };
    },
    sendMessage(message, signal) {
      return required(gmailMessageSchema, "messages/send", {
        method: "POST",
        body: {
          raw: message.raw.toString("base64url"),
          ...(message.threadId ? { threadId: message.threadId } : {}),
        },
        signal,
        doing: "sending a message",
      });
    },
    createDraft(message, signal) {
      return required(gmailDraftSchema, "drafts", {
        method: "POST",
        body: {
          message: {
            raw: message.raw.toString("base64url"),
            ...(message.threadId ? { threadId: message.threadId } : {}),
          },
        },
        signal,
        doing: "creating a draft",
      });
    },
  };
}
