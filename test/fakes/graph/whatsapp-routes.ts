/**
 * @module The WhatsApp Cloud API part of the fake Graph server, after Meta's reference:
 * - `POST /{version}/{phone-number-id}/messages` — text and document messages (document by uploaded media
 *   id or link) and read receipts (`status: "read"`); answers `{ messaging_product, contacts, messages }`.
 * - `POST /{version}/{phone-number-id}/media` — multipart upload (`messaging_product`, `type`, `file`) → `{ id }`.
 * - `GET /{version}/{media-id}` — `{ url, mime_type, sha256, file_size, id }` for received or uploaded media.
 * - `GET /whatsapp-media/{media-id}` — the short-lived download URL (Meta's lookaside host), bearer only.
 *
 * Errors follow Meta's rules, not a script: a free-form message to someone who has not written within
 * 24 hours gets 131047 (the real API may also report it later as a `failed` status webhook), more sends
 * than `accountMessageLimit` get 80007 with an `X-Business-Use-Case-Usage` header, more calls than
 * `appCallLimit` get code 4 with HTTP 429, and `injectFault` makes the next call fail like an outage.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { graphError, type GraphErrorSpec } from "./graph-error-response.js";
import type { GraphRoute } from "./server.js";

const VERSION = "/:version{v[0-9]+\\.[0-9]+}";
/** WhatsApp's own limits. */
const MAX_TEXT_CHARS = 4096;
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export interface WhatsAppFakeOptions {
  phoneNumberId: string;
  /** wa_ids that wrote within the last 24 hours: the only ones a free-form message may go to. */
  openWindows?: Iterable<string>;
  /** Messages the business account may send before 80007 (default: unlimited). */
  accountMessageLimit?: number;
  /** Graph calls the app may make to these routes before code 4 (default: unlimited). */
  appCallLimit?: number;
  /** What the usage headers report as `estimated_time_to_regain_access`, in minutes. */
  regainAccessMinutes?: number;
}

export interface StoredMedia {
  id: string;
  content: Uint8Array;
  mimeType: string;
  fileName: string | undefined;
}

export interface AcceptedMessage {
  id: string;
  to: string;
  type: string;
  body: Record<string, unknown>;
}

export interface WhatsAppFake {
  routes: GraphRoute[];
  /** Messages the fake accepted, in order: what "reached WhatsApp". */
  readonly sent: AcceptedMessage[];
  /** Message ids marked read through `status: "read"`. */
  readonly readReceipts: string[];
  readonly media: Map<string, StoredMedia>;
  openWindow(waId: string): void;
  /** Stores media a customer "sent", returning its media id for a webhook payload. */
  addInboundMedia(media: { content: Uint8Array; mimeType: string; fileName?: string; id?: string }): string;
  /** Makes the next call to a WhatsApp route fail with this status (and Graph code, default 2). */
  injectFault(fault: { status: ContentfulStatusCode; code?: number; message?: string }): void;
}

export function createWhatsAppFake(options: WhatsAppFakeOptions): WhatsAppFake {
  const openWindows = new Set(options.openWindows ?? []);
  const sent: AcceptedMessage[] = [];
  const readReceipts: string[] = [];
  const media = new Map<string, StoredMedia>();
  const faults: Array<{ status: ContentfulStatusCode; code?: number; message?: string }> = [];
  let appCalls = 0;
  const regainMinutes = options.regainAccessMinutes ?? 5;

  /** Counts the call and returns the error the real API would give before looking at the request. */
  function gate(c: Context): Response | undefined {
    appCalls += 1;
    const fault = faults.shift();
    if (fault) {
      return graphError(c, fault.status, {
        code: fault.code ?? 2,
        message: fault.message ?? "An unexpected error has occurred. Please retry your request later.",
      });
    }
    if (options.appCallLimit !== undefined && appCalls > options.appCallLimit) {
      return graphError(c, 429, {
        code: 4,
        message: "(#4) Application request limit reached",
        headers: {
          "x-app-usage": JSON.stringify({ call_count: 100, total_cputime: 12, total_time: 15 }),
          "x-business-use-case-usage": usageHeader(options.phoneNumberId, regainMinutes),
        },
      });
    }
    return undefined;
  }

  function wrongPhoneNumber(c: Context): Response | undefined {
    if (c.req.param("phoneNumberId") === options.phoneNumberId) return undefined;
    return graphError(c, 400, {
      code: 100,
      subcode: 33,
      message: `Unsupported post request. Object with ID '${c.req.param("phoneNumberId")}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    });
  }

  function invalidParameter(c: Context, details: string): Response {
    return whatsappError(c, 400, { code: 100, message: "(#100) Invalid parameter" }, details);
  }

  const sendMessage: GraphRoute = {
    method: "POST",
    path: `${VERSION}/:phoneNumberId/messages`,
    async handler(c) {
      const refused = gate(c) ?? wrongPhoneNumber(c);
      if (refused) return refused;
      const body = await c.req.json<Record<string, unknown>>().catch(() => undefined);
      if (!body || typeof body !== "object") return invalidParameter(c, "The request body must be JSON.");
      if (body.messaging_product !== "whatsapp") {
        return invalidParameter(c, "The parameter messaging_product is required and must be whatsapp.");
      }
      if (body.status === "read") {
        if (typeof body.message_id !== "string") return invalidParameter(c, "message_id is required.");
        readReceipts.push(body.message_id);
        return c.json({ success: true });
      }
      const to = typeof body.to === "string" ? body.to.replace(/\D/g, "") : "";
      if (to === "") return invalidParameter(c, "The parameter to is required.");
      const problem = checkContent(body, media);
      if (problem) return invalidParameter(c, problem);
      if (!openWindows.has(to)) {
        return whatsappError(
          c,
          400,
          { code: 131047, message: "(#131047) Re-engagement message" },
          "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
        );
      }
      if (options.accountMessageLimit !== undefined && sent.length >= options.accountMessageLimit) {
        return graphError(c, 400, {
          code: 80007,
          message: "(#80007) Rate limit issues",
          headers: { "x-business-use-case-usage": usageHeader(options.phoneNumberId, regainMinutes) },
        });
      }
      const id = `wamid.${randomBytes(24).toString("base64")}`;
      sent.push({ id, to, type: String(body.type), body });
      return c.json({
        messaging_product: "whatsapp",
        contacts: [{ input: String(body.to), wa_id: to }],
        messages: [{ id }],
      });
    },
  };

  const uploadMedia: GraphRoute = {
    method: "POST",
    path: `${VERSION}/:phoneNumberId/media`,
    async handler(c) {
      const refused = gate(c) ?? wrongPhoneNumber(c);
      if (refused) return refused;
      const form = await c.req.parseBody().catch(() => undefined);
      if (!form) return invalidParameter(c, "Upload media as multipart/form-data.");
      if (form.messaging_product !== "whatsapp")
        return invalidParameter(c, "messaging_product must be whatsapp.");
      const file = form.file;
      if (!(file instanceof File)) return invalidParameter(c, "The parameter file is required.");
      if (file.size > MAX_UPLOAD_BYTES) return invalidParameter(c, "The file is larger than 100 MB.");
      const mimeType = typeof form.type === "string" && form.type !== "" ? form.type : file.type;
      const id = String(1_000_000_000_000 + media.size + 1);
      media.set(id, { id, content: new Uint8Array(await file.arrayBuffer()), mimeType, fileName: file.name });
      return c.json({ id });
    },
  };

  const mediaInfo: GraphRoute = {
    method: "GET",
    path: `${VERSION}/:mediaId`,
    async handler(c, next) {
      const stored = media.get(c.req.param("mediaId") ?? "");
      if (!stored) return next();
      const refused = gate(c);
      if (refused) return refused;
      const origin = new URL(c.req.url).origin;
      return c.json({
        messaging_product: "whatsapp",
        url: `${origin}/whatsapp-media/${stored.id}?ext=${Date.now()}&hash=${randomBytes(6).toString("hex")}`,
        mime_type: stored.mimeType,
        sha256: createHash("sha256").update(stored.content).digest("hex"),
        file_size: stored.content.length,
        id: stored.id,
      });
    },
  };

  const mediaDownload: GraphRoute = {
    method: "GET",
    path: "/whatsapp-media/:mediaId",
    handler(c) {
      const stored = media.get(c.req.param("mediaId") ?? "");
      if (!stored) return c.text("Not Found", 404);
      return c.body(Buffer.from(stored.content), 200, {
        "content-type": stored.mimeType,
        "content-length": String(stored.content.length),
      });
    },
  };

  return {
    routes: [sendMessage, uploadMedia, mediaInfo, mediaDownload],
    sent,
    readReceipts,
    media,
    openWindow(waId) {
      openWindows.add(waId.replace(/\D/g, ""));
    },
    addInboundMedia(item) {
      const id = item.id ?? String(2_000_000_000_000 + media.size + 1);
      media.set(id, { id, content: item.content, mimeType: item.mimeType, fileName: item.fileName });
      return id;
    },
    injectFault(fault) {
      faults.push(fault);
    },
  };
}

/** What is wrong with the message content, in Meta's words, or undefined when it is fine. */
function checkContent(
  body: Record<string, unknown>,
  media: ReadonlyMap<string, StoredMedia>,
): string | undefined {
  if (body.type === "text") {
    const text = body.text as { body?: unknown } | undefined;
    if (typeof text?.body !== "string" || text.body === "") return "The parameter text['body'] is required.";
    if ([...text.body].length > MAX_TEXT_CHARS)
      return `text['body'] is longer than ${MAX_TEXT_CHARS} characters.`;
    return undefined;
  }
  if (body.type === "document") {
    const document = body.document as { id?: unknown; link?: unknown; caption?: unknown } | undefined;
    if (!document) return "The parameter document is required.";
    if (typeof document.id === "string") return media.has(document.id) ? undefined : "Invalid media id.";
    if (typeof document.link === "string" && /^https?:\/\//.test(document.link)) return undefined;
    return "document requires an uploaded media id or a link.";
  }
  return `The fake supports text and document messages, not ${String(body.type)}.`;
}

function whatsappError(
  c: Context,
  status: ContentfulStatusCode,
  spec: GraphErrorSpec,
  details: string,
): Response {
  return graphError(c, status, { ...spec, errorData: { messaging_product: "whatsapp", details } });
}

function usageHeader(objectId: string, minutes: number): string {
  return JSON.stringify({
    [objectId]: [
      {
        type: "whatsapp",
        call_count: 100,
        total_cputime: 10,
        total_time: 10,
        estimated_time_to_regain_access: minutes,
      },
    ],
  });
}
