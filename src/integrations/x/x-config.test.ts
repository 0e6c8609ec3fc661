import { describe, expect, it } from "vitest";
import { readXConfig } from "./x-config.js";

describe("readXConfig", () => {
  it("is absent when no X variable is set, even with a base URL override", () => {
    expect(readXConfig({})).toEqual({ status: "absent" });
    expect(readXConfig({ X_API_BASE_URL: "http://127.0.0.1:9" })).toEqual({ status: "absent" });
  });

  it("applies defaults", () => {
    const result = readXConfig({ X_ACCESS_TOKEN: "token-value" });
    expect(result).toEqual({
      status: "configured",
      config: {
        accessToken: "token-value",
        refreshToken: undefined,
        clientId: undefined,
        clientSecret: undefined,
        userId: undefined,
        apiBaseUrl: "https://api.x.com",
        pollSeconds: 300,
      },
    });
  });

  it("names what to fix when values are missing or malformed", () => {
    expect(readXConfig({ X_CLIENT_ID: "abc" })).toEqual({
      status: "incomplete",
      missing: ["X_ACCESS_TOKEN"],
    });
    const result = readXConfig({
      X_ACCESS_TOKEN: "t",
      X_REFRESH_TOKEN: "r",
      X_USER_ID: "@acme",
      X_API_BASE_URL: "ftp://example.com",
      X_POLL_SECONDS: "5",
    });
    expect(result.status).toBe("incomplete");
    const missing = result.status === "incomplete" ? result.missing.join(" | ") : "";
    expect(missing).toContain("X_CLIENT_ID");
    expect(missing).toContain("X_USER_ID");
    expect(missing).toContain("X_API_BASE_URL");
    expect(missing).toContain("X_POLL_SECONDS");
  });

  it("reads every variable and trims a trailing slash from the base URL", () => {
    const result = readXConfig({
      X_ACCESS_TOKEN: "t",
      X_REFRESH_TOKEN: "r",
      X_CLIENT_ID: "c",
      X_CLIENT_SECRET: "s",
      X_USER_ID: "42",
      X_API_BASE_URL: "http://127.0.0.1:8080/",
      X_POLL_SECONDS: "120",
    });
    expect(result).toMatchObject({
      status: "configured",
      config: {
        refreshToken: "r",
        clientId: "c",
        clientSecret: "s",
        userId: "42",
        apiBaseUrl: "http://127.0.0.1:8080",
        pollSeconds: 120,
      },
    });
  });
});
