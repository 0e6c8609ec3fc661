/**
 * @module Signs a webhook body the way Meta does (`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the
 * raw body, keyed with the app secret>`), written independently of the receiver's check so a test of the
 * receiver cannot pass by sharing its bug.
 */
import { createHmac } from "node:crypto";

export function signWebhookBody(body: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

export interface WebhookPostOptions {
  /** Overrides the signature header; `null` leaves it out. */
  signature?: string | null;
}

/** A POST to the webhook with Meta's headers, the body sent byte for byte as signed. */
export function signedWebhookPost(
  url: string,
  body: string | Uint8Array,
  appSecret: string,
  options: WebhookPostOptions = {},
): Request {
  const headers = new Headers({ "content-type": "application/json", "user-agent": "facebookexternalua" });
  const signature = options.signature === undefined ? signWebhookBody(body, appSecret) : options.signature;
  if (signature !== null) headers.set("x-hub-signature-256", signature);
  return new Request(url, { method: "POST", headers, body });
}
