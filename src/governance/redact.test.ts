import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "./redact.js";

const redactor = createRedactor(["hunter2-configured-secret", "short"]);

describe("redactor.text", () => {
  it.each([
    ["Authorization: Bearer xyzABC123456789token.part", "xyzABC123456789token"],
    ["Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA"],
    ["key sk-proj-abcdefghijklmnop1234 used", "sk-proj-abcdefghijklmnop1234"],
    ["ghp_abcdefghijklmnopqrstuvwxyz0123", "ghp_abcdefghijklmnopqrstuvwxyz0123"],
    ["xoxb-1234567890-abcdef", "xoxb-1234567890-abcdef"],
    ["AIzaSyA1234567890abcdefghijklmnopqrstu", "AIzaSyA1234567890abcdefghijklmnopqrstu"],
    ["token EAABsbCS1iHgBAKZAZBZA1234567890abcdefghijklmn", "EAABsbCS1iHgBAKZAZBZA1234567890abcdefghijklmn"],
    [
      "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      "eyJzdWIiOiIxMjM0NTY3ODkwIn0",
    ],
    ["GET /me?access_token=abc123DEF&fields=id", "abc123DEF"],
    ["password=pa55word client_secret=s3cr3t", "pa55word"],
    ["imaps://ana:letmein@mail.example.com/INBOX", "letmein"],
    ["card 4111 1111 1111 1111 exp 12/30", "4111 1111 1111 1111"],
    ["card 4111-1111-1111-1111", "4111-1111-1111-1111"],
    ["card 5500005555555559", "5500005555555559"],
    ["the configured hunter2-configured-secret leaked", "hunter2-configured-secret"],
  ])("removes the secret from %j", (input, secret) => {
    const output = redactor.text(input);
    expect(output).not.toContain(secret);
    expect(output).toContain(REDACTED);
  });

  it("keeps what is not a secret: phone numbers, invoice numbers, amounts, non-Luhn digit runs, short configured values", () => {
    for (const plain of [
      "call +1 555 010 0001",
      "invoice INV-2026-0042 for $1,500.00",
      "order 4111 1111 1111 1112",
      "a short word",
    ]) {
      expect(redactor.text(plain)).toBe(plain);
    }
  });

  it("keeps the user name of a URL and the scheme of an Authorization header", () => {
    expect(redactor.text("imaps://ana:letmein@mail.example.com")).toBe(
      `imaps://ana:${REDACTED}@mail.example.com`,
    );
    expect(redactor.text("Bearer abcdefgh12345678")).toBe(`Bearer ${REDACTED}`);
  });
});

describe("redactor.value", () => {
  it("replaces values under secret-named keys, in any case style, at any depth", () => {
    const input = {
      to: "ana@client-a.example",
      api_key: "plain-looking-value",
      apiKey: "v1",
      headers: { Authorization: "whatever", "X-Api-Key": "v2", Cookie: "sid=1" },
      account: {
        password: "p",
        accessToken: "t",
        refresh_token: "r",
        secret_key: "s",
        aws_secret_access_key: "a",
      },
      list: [{ pin: "1234", cvv: "123", note: "Bearer xyzABC123456789token" }],
      empty_password: "",
      token: null,
    };
    const output = redactor.value(input);
    expect(JSON.stringify(output)).not.toMatch(
      /plain-looking-value|"v1"|"v2"|whatever|sid=1|"p"|"t"|"r"|"s"|"a"|1234|"123"|xyzABC/,
    );
    expect(output.to).toBe("ana@client-a.example");
    expect(output.empty_password).toBe("");
    expect(output.token).toBeNull();
    // The input is not changed: the caller may still need the real values.
    expect(input.api_key).toBe("plain-looking-value");
  });

  it("does not treat innocent keys as secrets", () => {
    const input = {
      shipping: "express",
      max_tokens: 100,
      subject: "Passport renewal",
      keywords: ["pin"],
      compass: "n",
    };
    expect(redactor.value(input)).toEqual(input);
  });

  it("stops at a bounded depth and keeps dates", () => {
    let deep: Record<string, unknown> = { leaf: "x" };
    for (let level = 0; level < 100; level += 1) deep = { next: deep };
    expect(() => redactor.value(deep)).not.toThrow();
    const date = new Date("2026-01-01T00:00:00Z");
    expect(redactor.value({ at: date }).at).toBe(date);
  });
});
