import { describe, expect, it } from "vitest";
import { DEFAULT_GRAPH_API_BASE_URL, readWhatsAppConfig } from "./whatsapp-config.js";

const REQUIRED = {
  WHATSAPP_APP_SECRET: "secret",
  WHATSAPP_VERIFY_TOKEN: "verify",
  WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
  WHATSAPP_ACCESS_TOKEN: "EAAG-token",
};

describe("readWhatsAppConfig", () => {
  it("is absent when nothing WhatsApp-specific is set, even with the shared Graph base URL", () => {
    expect(readWhatsAppConfig({})).toEqual({ status: "absent" });
    expect(readWhatsAppConfig({ GRAPH_API_BASE_URL: "http://127.0.0.1:9/v26.0" })).toEqual({
      status: "absent",
    });
  });

  it("names the missing credentials", () => {
    expect(readWhatsAppConfig({ WHATSAPP_APP_SECRET: "x", WHATSAPP_WEBHOOK_PORT: "9000" })).toEqual({
      status: "incomplete",
      missing: ["WHATSAPP_VERIFY_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_ACCESS_TOKEN"],
    });
  });

  it("applies the defaults", () => {
    expect(readWhatsAppConfig(REQUIRED)).toEqual({
      status: "configured",
      config: {
        appSecret: "secret",
        verifyToken: "verify",
        phoneNumberId: "106540352242922",
        accessToken: "EAAG-token",
        graphApiBaseUrl: DEFAULT_GRAPH_API_BASE_URL,
        webhookPort: 8788,
        sendReadReceipts: false,
        maxMediaBytes: 16 * 1024 * 1024,
      },
    });
  });

  it("reads the optional settings and trims the base URL's trailing slash", () => {
    const result = readWhatsAppConfig({
      ...REQUIRED,
      GRAPH_API_BASE_URL: "http://127.0.0.1:4010/v26.0/",
      WHATSAPP_WEBHOOK_PORT: "9090",
      WHATSAPP_SEND_READ_RECEIPTS: "true",
      WHATSAPP_MAX_MEDIA_MB: "2.5",
    });
    expect(result).toMatchObject({
      status: "configured",
      config: {
        graphApiBaseUrl: "http://127.0.0.1:4010/v26.0",
        webhookPort: 9090,
        sendReadReceipts: true,
        maxMediaBytes: 2.5 * 1024 * 1024,
      },
    });
  });

  it("reports malformed values as incomplete instead of throwing", () => {
    const result = readWhatsAppConfig({
      ...REQUIRED,
      GRAPH_API_BASE_URL: "graph.facebook.com",
      WHATSAPP_WEBHOOK_PORT: "80880",
      WHATSAPP_SEND_READ_RECEIPTS: "maybe",
      WHATSAPP_MAX_MEDIA_MB: "-1",
    });
    expect(result.status).toBe("incomplete");
    expect(result.status === "incomplete" && result.missing.map((entry) => entry.split(" ")[0])).toEqual([
      "GRAPH_API_BASE_URL",
      "WHATSAPP_WEBHOOK_PORT",
      "WHATSAPP_SEND_READ_RECEIPTS",
      "WHATSAPP_MAX_MEDIA_MB",
    ]);
  });
});
