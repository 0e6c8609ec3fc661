/**
 * The approval gate when the outside system fails (the seed's error table): transient failures are
 * retried with backoff, far rate-limit resets park the action at once, authentication failures and
 * payments are never retried, and the Handbook's hourly limits defer the rest.
 */
import { afterEach, describe, expect, it } from "vitest";
import { AuthError } from "../governance/errors/auth-error.js";
import { RateLimitError } from "../governance/errors/rate-limit-error.js";
import { TransientError } from "../governance/errors/transient-error.js";
import { createGateHarness, START, type GateHarness } from "../../test/support/approval-gate-harness.js";

const HOUR = 3_600_000;
const EMAIL = { to: ["ana@client-a.example"], subject: "Quote", body: "Hello" };
const PAYMENT = { payee: "ana@client-a.example", amount: 40, currency: "USD", recurring: true };
const TOKEN = "ya29.a0AfH6SMBx1234567890abcdefghijklmnop";

let gate: GateHarness;
afterEach(async () => {
  await gate.close();
});

describe("transient failures", () => {
  it("are retried: failing twice then succeeding executes once with retry_count 2", async () => {
    gate = await createGateHarness({ retryBaseDelayMs: 1 });
    const id = await gate.approved("send_email", EMAIL);
    gate.failNext(
      "send_email",
      new TransientError("503 Service Unavailable"),
      new TransientError("ETIMEDOUT"),
    );

    const answer = await gate.call("send_email", EMAIL, id);

    expect(answer.status).toBe("executed");
    expect(answer.structured.retries).toBe(2);
    expect(gate.calls).toHaveLength(3);
    expect((await gate.logLines()).at(-1)).toMatchObject({
      result: "success",
      retry_count: 2,
      approval_id: id,
    });
    expect((await gate.request("Done", id))?.data.status).toBe("executed");
  });

  it("honour a 429's Retry-After", async () => {
    gate = await createGateHarness({ retryBaseDelayMs: 1 });
    const id = await gate.approved("send_email", EMAIL);
    gate.failNext("send_email", new TransientError("429 Too Many Requests", { retryAfterMs: 300 }));

    expect((await gate.call("send_email", EMAIL, id)).status).toBe("executed");
    expect(gate.calls).toHaveLength(2);
    expect(gate.calls[1]!.at - gate.calls[0]!.at).toBeGreaterThanOrEqual(290);
  });

  it("that never clear fail after 3 retries, keep the approval and run later with the same id", async () => {
    gate = await createGateHarness({ retryBaseDelayMs: 1 });
    const id = await gate.approved("send_email", EMAIL);
    gate.failNext(
      "send_email",
      ...Array.from({ length: 4 }, (_, index) => new TransientError(`502 Bad Gateway (${index})`)),
    );

    const failed = await gate.call("send_email", EMAIL, id);

    expect(failed.status).toBe("failed");
    expect(failed.structured).toMatchObject({ kind: "transient", retryable: true });
    expect(gate.calls).toHaveLength(4);
    expect((await gate.logLines()).at(-1)).toMatchObject({
      result: "failure",
      retry_count: 3,
      error: "502 Bad Gateway (3)",
    });
    expect((await gate.request("Approved", id))?.data.last_error).toBe("502 Bad Gateway (3)");

    expect((await gate.call("send_email", EMAIL, id)).status).toBe("executed");
    expect(gate.calls).toHaveLength(5);
  });
});

describe("a rate limit from the service", () => {
  it("with a reset 10 minutes away defers at once instead of waiting, and runs after the reset", async () => {
    gate = await createGateHarness();
    const id = await gate.approved("send_email", EMAIL);
    const resetAt = new Date(Date.parse(START) + 10 * 60_000);
    gate.failNext("send_email", new RateLimitError("429 rate limited", { resetAt }));

    const started = performance.now();
    const answer = await gate.call("send_email", EMAIL, id);

    expect(performance.now() - started).toBeLessThan(900);
    expect(answer.status).toBe("deferred");
    expect(answer.structured.until).toBe(resetAt.toISOString());
    expect(answer.result.isError).toBeFalsy();
    expect(gate.calls).toHaveLength(1);
    expect((await gate.request("Approved", id))?.data.last_error).toBe("429 rate limited");
    expect((await gate.logLines()).at(-1)).toMatchObject({ result: "failure", retry_count: 0 });

    gate.advance(11 * 60_000);
    expect((await gate.call("send_email", EMAIL, id)).status).toBe("executed");
    expect(gate.calls).toHaveLength(2);
  });
});

describe("failures that are never retried", () => {
  it("an authentication error fails at once without retrying, keeps the approval for new credentials and the token out of every answer", async () => {
    gate = await createGateHarness({ retryBaseDelayMs: 1 });
    const id = await gate.approved("send_email", EMAIL);
    gate.failNext("send_email", new AuthError(`401 invalid_grant for Bearer ${TOKEN}`));

    const answer = await gate.call("send_email", EMAIL, id);

    expect(answer.status).toBe("failed");
    expect(answer.result.isError).toBe(true);
    expect(answer.structured).toMatchObject({ kind: "auth", retryable: true });
    expect(gate.calls).toHaveLength(1);
    expect(answer.text).toBe("failed (auth): 401 invalid_grant for Bearer [REDACTED]");
    // The call never went out: the approval waits in Approved/ for the integration to resume.
    const waiting = await gate.request("Approved", id);
    expect(waiting?.data).toMatchObject({ last_error: "401 invalid_grant for Bearer [REDACTED]" });
    expect(JSON.stringify(await gate.logLines())).not.toContain(TOKEN);
    expect((await gate.call("send_email", EMAIL, id)).status).toBe("executed");
    expect(gate.calls).toHaveLength(2);
  });

  it("a payment failing with a transient error is not retried and needs a fresh approval", async () => {
    gate = await createGateHarness({ retryBaseDelayMs: 1 });
    const id = await gate.approved("pay_invoice", PAYMENT);
    gate.failNext("pay_invoice", new TransientError("socket hang up"));

    const answer = await gate.call("pay_invoice", PAYMENT, id);

    expect(answer.status).toBe("failed");
    expect(answer.structured).toMatchObject({ kind: "transient", retryable: false });
    expect(gate.calls).toHaveLength(1);
    expect((await gate.request("Rejected", id))?.data).toMatchObject({
      status: "failed",
      last_error: "socket hang up",
    });
    expect((await gate.logLines()).at(-1)).toMatchObject({
      action_type: "pay_invoice",
      result: "failure",
      retry_count: 0,
    });
    expect((await gate.call("pay_invoice", PAYMENT, id)).status).toBe("refused");
    expect(gate.calls).toHaveLength(1);
  });

  it("an unexpected error is a failure of kind system, not retried", async () => {
    gate = await createGateHarness({ retryBaseDelayMs: 1 });
    const id = await gate.approved("send_email", EMAIL);
    gate.failNext("send_email", new TypeError("cannot read properties of undefined"));
    expect((await gate.call("send_email", EMAIL, id)).structured).toMatchObject({
      status: "failed",
      kind: "system",
      retryable: false,
    });
    expect(gate.calls).toHaveLength(1);
  });
});

describe("the Handbook's rate limits", () => {
  it("let 10 emails go in an hour and defer the 11th until the hour has passed", async () => {
    gate = await createGateHarness();
    const ids: string[] = [];
    for (let index = 0; index < 11; index += 1)
      ids.push(await gate.approved("send_email", { ...EMAIL, subject: `Quote ${index}` }));

    for (let index = 0; index < 10; index += 1) {
      expect(
        (await gate.call("send_email", { ...EMAIL, subject: `Quote ${index}` }, ids[index])).status,
      ).toBe("executed");
      gate.advance(60_000);
    }
    const eleventh = await gate.call("send_email", { ...EMAIL, subject: "Quote 10" }, ids[10]);

    expect(eleventh.status).toBe("deferred");
    expect(eleventh.structured.until).toBe(new Date(Date.parse(START) + HOUR).toISOString());
    expect(eleventh.text).toMatch(/hourly limit for email/);
    expect(gate.calls).toHaveLength(10);
    expect(await gate.request("Approved", ids[10]!)).toBeDefined();

    gate.advance(HOUR);
    expect((await gate.call("send_email", { ...EMAIL, subject: "Quote 10" }, ids[10])).status).toBe(
      "executed",
    );
    expect(gate.calls).toHaveLength(11);
  });

  it("count payments apart from emails: the 4th payment in an hour waits", async () => {
    gate = await createGateHarness();
    const payments = [1, 2, 3, 4].map((amount) => ({ ...PAYMENT, amount }));
    const ids: string[] = [];
    for (const payment of payments) ids.push(await gate.approved("pay_invoice", payment));
    const results = [];
    for (const [index, payment] of payments.entries())
      results.push((await gate.call("pay_invoice", payment, ids[index])).status);
    expect(results).toEqual(["executed", "executed", "executed", "deferred"]);
    const email = await gate.approved("send_email", EMAIL);
    expect((await gate.call("send_email", EMAIL, email)).status).toBe("executed");
  });
});
