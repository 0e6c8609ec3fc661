import { describe, expect, it } from "vitest";
import { hostName, isAllowedHost, isSameOrigin } from "./request-origin.js";

describe("request origin", () => {
  it("reduces a Host header to its name", () => {
    expect(hostName("LocalHost:8787")).toBe("localhost");
    expect(hostName("[::1]:8787")).toBe("[::1]");
    expect(hostName("::1")).toBe("[::1]");
  });

  it("allows loopback names and the configured host only", () => {
    expect(isAllowedHost("app.localhost:8787", undefined)).toBe(true);
    expect(isAllowedHost(undefined, undefined)).toBe(false);
    expect(isAllowedHost("employee.lan", "::1")).toBe(false);
    expect(isAllowedHost("[::1]:8787", "::1")).toBe(true);
    expect(isAllowedHost("[::]:8787", "::")).toBe(false);
  });

  it("compares Origin first and Referer only without it", () => {
    const own = "127.0.0.1:8787";
    expect(isSameOrigin({ origin: undefined, referer: undefined }, own)).toBe(true);
    expect(isSameOrigin({ origin: "http://127.0.0.1:8787", referer: "https://evil.example/" }, own)).toBe(
      true,
    );
    expect(isSameOrigin({ origin: undefined, referer: "http://127.0.0.1:8787/approvals/x" }, own)).toBe(true);
    expect(isSameOrigin({ origin: "file://", referer: undefined }, own)).toBe(false);
    expect(isSameOrigin({ origin: "not a url", referer: undefined }, own)).toBe(false);
  });
});
