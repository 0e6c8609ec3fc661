/**
 * @module The WhatsApp Cloud API settings, read once from the environment. Missing credentials or a
 * malformed value disable WhatsApp with one warning line (the `incomplete` status names what to fix).
 */
import { readVariables, type Environment, type IntegrationConfig } from "../integration-config.js";

export interface WhatsAppConfig {
  /** The Meta app's secret: the key of the webhook's `X-Hub-Signature-256` HMAC. */
  appSecret: string;
  /** The token Meta echoes in the `hub.verify_token` subscription handshake. */
  verifyToken: string;
  /** The business phone number's id (not the number itself): `POST /{id}/messages`. */
  phoneNumberId: string;
  /** A system-user access token with `whatsapp_business_messaging`. */
  accessToken: string;
  /** Graph API root including the version, without a trailing slash. */
  graphApiBaseUrl: string;
  webhookPort: number;
  /** Whether an arrived message is marked read (blue ticks) once it became a task. */
  sendReadReceipts: boolean;
  /** Media larger than this is not downloaded; the task says so. */
  maxMediaBytes: number;
}

/** The current Graph API version (v26.0, released July 2026) per Meta's Graph API changelog. */
export const DEFAULT_GRAPH_API_BASE_URL = "https://graph.facebook.com/v26.0";
export const DEFAULT_WHATSAPP_WEBHOOK_PORT = 8788;
/** Cloud API's own limit for images and the common case for documents; larger files rarely matter in chat. */
export const DEFAULT_MAX_MEDIA_MB = 16;

const REQUIRED = [
  "WHATSAPP_APP_SECRET",
  "WHATSAPP_VERIFY_TOKEN",
  "WHATSAPP_PHONE_NUMBER_ID",
  "WHATSAPP_ACCESS_TOKEN",
] as const;
// GRAPH_API_BASE_URL is shared with the Facebook/Instagram integration, so it alone does not make
// WhatsApp "incomplete".
const OPTIONAL = ["WHATSAPP_WEBHOOK_PORT", "WHATSAPP_SEND_READ_RECEIPTS", "WHATSAPP_MAX_MEDIA_MB"] as const;

export function readWhatsAppConfig(env: Environment): IntegrationConfig<WhatsAppConfig> {
  const variables = readVariables(env, REQUIRED, OPTIONAL);
  if (variables.status !== "configured") return variables;
  const problems: string[] = [];

  const baseUrl = (env.GRAPH_API_BASE_URL ?? "").trim() || DEFAULT_GRAPH_API_BASE_URL;
  if (!isHttpUrl(baseUrl))
    problems.push("GRAPH_API_BASE_URL (an http(s) URL such as https://graph.facebook.com/v26.0)");

  const port = parseNumber(env.WHATSAPP_WEBHOOK_PORT, DEFAULT_WHATSAPP_WEBHOOK_PORT);
  if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65_535) {
    problems.push("WHATSAPP_WEBHOOK_PORT (a port number 1-65535)");
  }

  const readReceipts = parseBoolean(env.WHATSAPP_SEND_READ_RECEIPTS);
  if (readReceipts === undefined) problems.push("WHATSAPP_SEND_READ_RECEIPTS (true or false)");

  const maxMediaMb = parseNumber(env.WHATSAPP_MAX_MEDIA_MB, DEFAULT_MAX_MEDIA_MB);
  if (maxMediaMb === undefined || maxMediaMb <= 0)
    problems.push("WHATSAPP_MAX_MEDIA_MB (a positive number of MB)");

  if (problems.length > 0) return { status: "incomplete", missing: problems };
  return {
    status: "configured",
    config: {
      appSecret: variables.config.WHATSAPP_APP_SECRET,
      verifyToken: variables.config.WHATSAPP_VERIFY_TOKEN,
      phoneNumberId: variables.config.WHATSAPP_PHONE_NUMBER_ID,
      accessToken: variables.config.WHATSAPP_ACCESS_TOKEN,
      graphApiBaseUrl: baseUrl.replace(/\/+$/, ""),
      webhookPort: port ?? DEFAULT_WHATSAPP_WEBHOOK_PORT,
      sendReadReceipts: readReceipts ?? false,
      maxMediaBytes: Math.floor((maxMediaMb ?? DEFAULT_MAX_MEDIA_MB) * 1024 * 1024),
    },
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function parseNumber(value: string | undefined, fallback: number): number | undefined {
  const text = (value ?? "").trim();
  if (text === "") return fallback;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

function parseBoolean(value: string | undefined): boolean | undefined {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "") return false;
  if (["1", "true", "yes", "on"].includes(text)) return true;
  if (["0", "false", "no", "off"].includes(text)) return false;
  return undefined;
}
