import { describe, expect, it } from "vitest";
import { canonicalJson, payloadSha256 } from "./payload-hash.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("drops undefined values, as JSON does, and keeps null", () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson(undefined)).toBe("null");
  });

  it("orders keys by UTF-16 code unit, digits and non-Latin keys included, and writes holes as null", () => {
    const value = {
      é: 1,
      Z: [undefined, null, "a\u2028b"],
      a: { "😀": true, "10": 2, "2": 3 },
      b: undefined,
    };
    expect(canonicalJson(value)).toBe('{"Z":[null,null,"a\u2028b"],"a":{"10":2,"2":3,"😀":true},"é":1}');
    // Pinned: the audit chain and every issued approval depend on this hash staying the same.
    expect(payloadSha256("email", "send_email", value)).toBe(
      "f08f8608ca80e5ef52475c51f4978e4399ce04f71edc7a693749813d1c2c08e4",
    );
  });

  it("escapes strings as JSON", () => {
    expect(canonicalJson({ 'k"ey': 'line\n"quoted"' })).toBe('{"k\\"ey":"line\\n\\"quoted\\""}');
  });
});

describe("payloadSha256", () => {
  const parameters = {
    to: ["ana@client-a.example"],
    subject: "Quote",
    body: "Hello",
    options: { cc: [], html: false },
  };

  it("does not depend on key order", () => {
    const reordered = {
      options: { html: false, cc: [] },
      body: "Hello",
      subject: "Quote",
      to: ["ana@client-a.example"],
    };
    expect(payloadSha256("email", "send_email", reordered)).toBe(
      payloadSha256("email", "send_email", parameters),
    );
    expect(payloadSha256("email", "send_email", parameters)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with any change of server, tool, value or array order", () => {
    const base = payloadSha256("email", "send_email", parameters);
    expect(payloadSha256("whatsapp", "send_email", parameters)).not.toBe(base);
    expect(payloadSha256("email", "draft_email", parameters)).not.toBe(base);
    expect(payloadSha256("email", "send_email", { ...parameters, body: "Hello!" })).not.toBe(base);
    expect(
      payloadSha256("email", "send_email", { ...parameters, to: ["ana@client-a.example", "x@y.example"] }),
    ).not.toBe(base);
    expect(payloadSha256("email", "send_email", { a: [1, 2] })).not.toBe(
      payloadSha256("email", "send_email", { a: [2, 1] }),
    );
    expect(payloadSha256("email", "send_email", { amount: 50 })).not.toBe(
      payloadSha256("email", "send_email", { amount: "50" }),
    );
  });
});
