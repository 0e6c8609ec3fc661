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
