import { describe, expect, it } from "vitest";
import { AuthError } from "../../governance/errors/auth-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createRedactor } from "../../governance/redact.js";
import { toGraphError } from "./graph-error.js";

const NOW = new Date("2026-11-26T10:00:00Z");
const TOKEN = "EAAGsecretaccesstokenvalue000000000001";
const redactor = createRedactor([TOKEN]);

function failure(
  status: number,
  error: Record<string, unknown> | string,
  headers: Record<string, string> = {},
) {
  return toGraphError({
    status,
    body: typeof error === "string" ? error : JSON.stringify({ error: { type: "OAuthException", ...error } }),
    headers: new Headers(headers),
    now: NOW,
    redact: (text) => redactor.text(text),
  });
}

describe("toGraphError", () => {
  it("maps each rate-limit code to RateLimitError", () => {
    for (const code of [4, 80007, 130429, 131056]) {
      expect(failure(400, { code, message: `(#${code}) limit` })).toBeInstanceOf(RateLimitError);
    }
  });

  it("waits about six seconds on the pair rate limit (131056)", () => {
    const error = failure(400, { code: 131056, message: "pair rate limit hit" }) as RateLimitError;
    expect(error.retryAfterMs).toBe(6_000);
    expect(error.resetAt).toEqual(new Date(NOW.getTime() + 6_000));
  });

  it("honours Retry-After on a bare 429", () => {
    const error = failure(429, "Too Many Requests", { "retry-after": "120" }) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.resetAt).toEqual(new Date(NOW.getTime() + 120_000));
  });

  it("maps 190 and a permission error to AuthError", () => {
    expect(failure(401, { code: 190, message: "expired" })).toBeInstanceOf(AuthError);
    expect(failure(403, { code: 10, message: "(#10) Application does not have permission" })).toBeInstanceOf(
      AuthError,
    );
    expect(failure(401, "<html>Unauthorized</html>")).toBeInstanceOf(AuthError);
  });

  it("maps 131047 to LogicError with the 24-hour window explanation", () => {
    const error = failure(400, {
      code: 131047,
      message: "(#131047) Re-engagement message",
      error_data: { messaging_product: "whatsapp", details: "more than 24 hours have passed" },
    });
    expect(error).toBeInstanceOf(LogicError);
    expect(error.message).toContain(
      "outside the 24-hour window: the client must write first or a template message is needed",
    );
    expect(error.message).toContain("more than 24 hours have passed");
  });

  it("maps a 5xx (even an HTML outage page) to TransientError but not to RateLimitError", () => {
    const error = failure(502, "<html>Bad Gateway</html>");
    expect(error).toBeInstanceOf(TransientError);
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(failure(500, { code: 131000, message: "Something went wrong" })).toBeInstanceOf(TransientError);
  });

  it("maps an invalid parameter to LogicError and never repeats a token the vendor echoed", () => {
    const error = failure(400, { code: 100, message: `(#100) Invalid parameter near access_token=${TOKEN}` });
    expect(error).toBeInstanceOf(LogicError);
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toMatch(/Graph error 100/);
  });
});
