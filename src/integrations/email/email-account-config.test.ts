import { describe, expect, it } from "vitest";
import { readEmailAccounts } from "./email-account-config.js";

describe("readEmailAccounts", () => {
  it("is empty when nothing is set", () => {
    expect(readEmailAccounts({ EMAIL_POLL_SECONDS: "60" })).toEqual([]);
  });

  it("reads an IMAP + SMTP business account with defaults", () => {
    const [account] = readEmailAccounts({
      IMAP_HOST: "imap.example.com",
      IMAP_USER: "me@example.com",
      IMAP_PASSWORD: "app-password",
      SMTP_HOST: "smtp.example.com",
    });
    expect(account).toEqual({
      status: "configured",
      config: {
        name: "business",
        domain: "business",
        address: "me@example.com",
        imap: {
          host: "imap.example.com",
          port: 993,
          tls: "implicit",
          user: "me@example.com",
          password: "app-password",
        },
        smtp: {
          host: "smtp.example.com",
          port: 465,
          tls: "implicit",
          auth: { user: "me@example.com", password: "app-password" },
        },
        gmail: undefined,
        initialSyncDays: 7,
        pollSeconds: 120,
        maxAttachmentBytes: 25 * 1024 * 1024,
      },
    });
  });

  it("reads a second, personal Gmail account from the _2 names, with shared tuning", () => {
    const accounts = readEmailAccounts({
      IMAP_HOST: "127.0.0.1",
      IMAP_PORT: "1143",
      IMAP_TLS: "false",
      IMAP_USER: "me",
      IMAP_PASSWORD: "pw",
      EMAIL_ADDRESS: "Me <me@business.example>",
      EMAIL_POLL_SECONDS: "30",
      EMAIL_MAX_ATTACHMENT_MB: "5",
      GMAIL_CLIENT_ID_2: "id",
      GMAIL_CLIENT_SECRET_2: "secret",
      GMAIL_REFRESH_TOKEN_2: "refresh",
      GMAIL_API_BASE_URL_2: "http://127.0.0.1:9999/",
      EMAIL_DOMAIN_2: "personal",
      EMAIL_POLL_SECONDS_2: "300",
    });
    expect(accounts.map((entry) => entry.status)).toEqual(["configured", "configured"]);
    const [business, personal] = accounts.map((entry) =>
      entry.status === "configured" ? entry.config : undefined,
    );
    expect(business).toMatchObject({
      name: "business",
      address: "Me <me@business.example>",
      pollSeconds: 30,
      maxAttachmentBytes: 5 * 1024 * 1024,
    });
    expect(business?.imap).toMatchObject({ port: 1143, tls: "none" });
    expect(personal).toMatchObject({
      name: "personal",
      domain: "personal",
      pollSeconds: 300,
      imap: undefined,
      gmail: {
        clientId: "id",
        apiBaseUrl: "http://127.0.0.1:9999",
        oauthUrl: "https://oauth2.googleapis.com/token",
        query: "is:unread is:important",
      },
    });
  });

  it("names every missing or invalid variable of an incomplete account", () => {
    expect(
      readEmailAccounts({ IMAP_HOST: "imap.example.com", IMAP_TLS: "maybe", EMAIL_DOMAIN: "work" }),
    ).toEqual([
      {
        status: "incomplete",
        missing: [
          "IMAP_USER",
          "IMAP_PASSWORD",
          "EMAIL_DOMAIN (personal or business)",
          "IMAP_TLS (true, starttls or false)",
        ],
      },
    ]);
    expect(readEmailAccounts({ SMTP_HOST: "smtp.example.com" })).toEqual([
      { status: "incomplete", missing: ["EMAIL_ADDRESS (the From address for SMTP)"] },
    ]);
  });

  it("gives two accounts of the same domain distinct names", () => {
    const accounts = readEmailAccounts({
      SMTP_HOST: "a.example",
      EMAIL_ADDRESS: "a@a.example",
      SMTP_HOST_2: "b.example",
      EMAIL_ADDRESS_2: "b@b.example",
    });
    expect(
      accounts.map((entry) => (entry.status === "configured" ? entry.config.name : entry.status)),
    ).toEqual(["business", "business-2"]);
  });
});
