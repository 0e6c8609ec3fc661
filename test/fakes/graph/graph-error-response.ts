/**
 * @module Graph's error envelope, as every Graph endpoint returns it:
 * `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`.
 */
import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface GraphErrorSpec {
  code: number;
  message: string;
  subcode?: number;
  type?: string;
  /** Product-specific detail, e.g. WhatsApp's `{ messaging_product, details }`. */
  errorData?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function graphError(c: Context, status: ContentfulStatusCode, spec: GraphErrorSpec): Response {
  for (const [name, value] of Object.entries(spec.headers ?? {})) c.header(name, value);
  return c.json(
    {
      error: {
        message: spec.message,
        type: spec.type ?? "OAuthException",
        code: spec.code,
        ...(spec.subcode === undefined ? {} : { error_subcode: spec.subcode }),
        ...(spec.errorData === undefined ? {} : { error_data: spec.errorData }),
        fbtrace_id: randomBytes(8).toString("base64url"),
      },
    },
    status,
  );
}
