import { describe, expect, it } from "vitest";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createJson2Transport } from "./json2.js";
import { odooError } from "./odoo-fault.js";

describe("odooError", () => {
  it.each([
    ["odoo.exceptions.AccessDenied", AuthError],
    ["werkzeug.exceptions.Unauthorized", AuthError],
    ["odoo.exceptions.AccessError", AuthError],
    ["odoo.exceptions.ValidationError", LogicError],
    ["odoo.exceptions.UserError", LogicError],
    ["odoo.exceptions.MissingError", DataError],
    ["odoo.exceptions.LockError", TransientError],
    ["psycopg2.errors.SerializationFailure", TransientError],
    ["builtins.ValueError", LogicError],
  ] as const)("%s → %s", (name, type) => {
    expect(
      odooError({
        operation: "account.move.write",
        model: "account.move",
        exceptionName: name,
        message: "m",
        httpStatus: 500,
      }),
    ).toBeInstanceOf(type);
  });

  it.each([
    [401, AuthError],
    [403, AuthError],
    [404, LogicError],
    [301, LogicError],
    [429, RateLimitError],
    [500, TransientError],
    [502, TransientError],
    [504, TransientError],
    [400, LogicError],
  ] as const)("HTTP %i without an Odoo body → %s", (status, type) => {
    expect(odooError({ operation: "x", httpStatus: status })).toBeInstanceOf(type);
  });

  it("keeps Odoo's message and says which model an access error was on", () => {
    const error = odooError({
      operation: "account.move.create",
      model: "account.move",
      exceptionName: "odoo.exceptions.AccessError",
      message: "You are not allowed",
    });
    expect(error.message).toContain("account.move");
    expect(error.message).toContain("You are not allowed");
    expect(error.message).toContain("Invoicing");
  });
});

describe("the JSON-2 error body", () => {
  const fetchAnswering = (status: number, body: string, contentType = "application/json") =>
    (async () =>
      new Response(body, { status, headers: { "Content-Type": contentType } })) as unknown as typeof fetch;
  const transport = (fetcher: typeof fetch) =>
    createJson2Transport(
      {
        fetch: fetcher,
        now: () => new Date(0),
        redact: (text) => text.replaceAll("secret-key-123", "[REDACTED]"),
      },
      { url: "http://odoo", database: "acme", apiKey: "secret-key-123" },
    );

  it("reads the bare JSON string Odoo's documentation shows", async () => {
    const error = await transport(fetchAnswering(401, JSON.stringify("Invalid apikey")))
      .execute("res.partner", "search", {})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain("Invalid apikey");
  });

  it("reads a proxy's HTML page as a transient failure and never echoes the key", async () => {
    const error = await transport(
      fetchAnswering(502, "<html><body>Bad gateway secret-key-123</body></html>", "text/html"),
    )
      .execute("res.partner", "search", {})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toContain("Bad gateway");
    expect((error as Error).message).not.toContain("secret-key-123");
  });
});
