import { describe, expect, it } from "vitest";
import { LogicError } from "../../governance/errors/logic-error.js";
import { checkUrl, createHostAllowList } from "./host-allow-list.js";

describe("the host allow-list", () => {
  const list = createHostAllowList([
    "pay.example.com",
    "*.bank.test",
    "127.0.0.1:8080",
    "https://Portal.Vendor.io/login",
    "[::1]",
    "not a host!",
  ]);

  it("allows exact hosts at any port, case-insensitively", () => {
    expect(list.allows("pay.example.com", 443)).toBe(true);
    expect(list.allows("PAY.example.com.", 80)).toBe(true);
    expect(list.allows("evil.pay.example.com", 443)).toBe(false);
    expect(list.allows("example.com", 443)).toBe(false);
  });

  it("allows subdomains of a wildcard at any depth, but not its apex", () => {
    expect(list.allows("www.bank.test", 443)).toBe(true);
    expect(list.allows("a.b.bank.test", 443)).toBe(true);
    expect(list.allows("bank.test", 443)).toBe(false);
    expect(list.allows("evilbank.test", 443)).toBe(false);
  });

  it("holds an entry with a port to that port, and reads hosts out of pasted URLs", () => {
    expect(list.allows("127.0.0.1", 8080)).toBe(true);
    expect(list.allows("127.0.0.1", 8081)).toBe(false);
    expect(list.allows("portal.vendor.io", 443)).toBe(true);
    expect(list.allows("[::1]", 80)).toBe(true);
  });

  it("checks a URL: http(s) only, no credentials, an allowed host", () => {
    expect(checkUrl("https://pay.example.com/invoices?id=1", list).hostname).toBe("pay.example.com");
    expect(() => checkUrl("ftp://pay.example.com/", list)).toThrow(/only http and https/);
    expect(() => checkUrl("javascript:alert(1)", list)).toThrow(/only http and https/);
    expect(() => checkUrl("https://user:pw@pay.example.com/", list)).toThrow(/user name or password/);
    expect(() => checkUrl("pay.example.com", list)).toThrow(/not a valid URL/);
    const refused = (() => {
      try {
        checkUrl("https://evil.example.net/pay", list);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(LogicError);
    expect(String(refused)).toMatch(
      /may not open evil\.example\.net.*add "evil\.example\.net" to the "Payment Portals" list/,
    );
  });

  it("allows nothing when the Handbook lists nothing", () => {
    expect(createHostAllowList([]).allows("pay.example.com", 443)).toBe(false);
  });
});
