import { afterEach, describe, expect, it } from "vitest";
import {
  createFakeOdoo,
  FAKE_ADMIN,
  type FakeOdoo,
  type FakeOdooOptions,
} from "../../../test/fakes/odoo/fake-odoo.js";
import { AuthError } from "../../governance/errors/auth-error.js";
import { DataError } from "../../governance/errors/data-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createOdooClient, type OdooClient } from "./odoo-client.js";
import type { OdooConfig } from "./odoo-config.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const NOW = new Date(2026, 2, 10, 12, 0, 0);

async function setup(
  options: FakeOdooOptions = {},
  override: Partial<OdooConfig> = {},
): Promise<{ fake: FakeOdoo; client: OdooClient }> {
  const fake = createFakeOdoo({ today: () => "2026-03-10", ...options });
  const { url, close } = await fake.start();
  closers.push(close);
  const config: OdooConfig = {
    url,
    database: "acme",
    user: FAKE_ADMIN.login,
    apiKey: FAKE_ADMIN.apiKey ?? "",
    ...override,
  };
  return { fake, client: createOdooClient({ config, now: () => NOW }) };
}

describe("protocol choice by server version", () => {
  it.each([
    ["17.0", "jsonrpc"],
    ["18.0", "jsonrpc"],
    ["saas~19.1", "json2"],
    ["19.0", "json2"],
  ] as const)("Odoo %s is spoken to over %s", async (version, protocol) => {
    const { fake, client } = await setup({ version });
    const connection = await client.connect();
    expect(connection.protocol).toBe(protocol);
    expect(connection.version.label).toBe(version);
    expect(connection.uid).toBe(FAKE_ADMIN.uid);
    expect(fake.calls[0]).toMatchObject({ protocol: "jsonrpc", service: "common", method: "version" });
  });

  it("sends JSON-2 calls with a bearer key, the database header and named arguments", async () => {
    const { fake, client } = await setup({ version: "19.0" });
    const id = await client.create("res.partner", { name: "Acme", email: "ana@acme.example" });
    const [partner] = await client.searchRead("res.partner", [["id", "=", id]], ["name", "email"]);
    expect(partner).toEqual({ id, name: "Acme", email: "ana@acme.example" });
    const create = fake.calls.find((call) => call.method === "create");
    expect(create).toMatchObject({
      protocol: "json2",
      path: "/json/2/res.partner/create",
      authorization: `bearer ${FAKE_ADMIN.apiKey}`,
      database: "acme",
      kwargs: { vals_list: [{ name: "Acme", email: "ana@acme.example" }] },
    });
  });

  it("sends JSON-RPC execute_kw with ids first and create's values positionally", async () => {
    const { fake, client } = await setup({ version: "17.0" });
    const id = await client.create("res.partner", { name: "Acme" });
    await client.write("res.partner", [id], { email: "billing@acme.example" });
    const [create, write] = fake.calls.filter((call) => call.service === "object");
    expect(create).toMatchObject({
      method: "create",
      model: "res.partner",
      args: [[{ name: "Acme" }]],
      kwargs: {},
    });
    expect(write).toMatchObject({
      method: "write",
      args: [[id]],
      kwargs: { vals: { email: "billing@acme.example" } },
    });
    expect((await client.read("res.partner", [id], ["email"]))[0]).toEqual({
      id,
      email: "billing@acme.example",
    });
  });

  it("asks GET /web/version where /jsonrpc is gone (Odoo 22) and speaks JSON-2", async () => {
    const { fake, client } = await setup({ version: "22.0", withoutJsonRpc: true });
    expect(await client.connect()).toMatchObject({ protocol: "json2", version: { major: 22 } });
    expect(fake.calls.map((call) => call.path)).toEqual(["/web/version", "/json/2/res.users/context_get"]);
  });

  it("falls back to JSON-RPC on Odoo 19 when ODOO_API_KEY holds a password", async () => {
    const { client } = await setup({ version: "19.0" }, { apiKey: FAKE_ADMIN.password });
    expect((await client.connect()).protocol).toBe("jsonrpc");
    expect(await client.searchCount("res.currency", [])).toBe(3);
  });
});

describe.each(["17.0", "19.0"])("errors on Odoo %s", (version) => {
  it("a wrong key is an AuthError that names the fix and never the key", async () => {
    const { client } = await setup({ version }, { apiKey: "wrong-key-0123456789" });
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/ODOO_API_KEY/);
    expect((error as Error).message).not.toContain("wrong-key-0123456789");
  });

  it("a key revoked after login is an AuthError (AccessDenied / 401)", async () => {
    const { fake, client } = await setup({ version });
    await client.connect();
    fake.revokeCredentials(FAKE_ADMIN.login);
    await expect(client.searchCount("res.partner", [])).rejects.toBeInstanceOf(AuthError);
  });

  it("a user without billing rights gets an AuthError naming the model", async () => {
    const { client } = await setup({ version, users: [{ ...FAKE_ADMIN, readOnlyAccounting: true }] });
    const error = await client
      .create("account.move", { move_type: "out_invoice" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain("account.move");
    expect((error as Error).message).toContain("You are not allowed to create 'Journal Entry'");
  });

  it("a ValidationError is a LogicError keeping Odoo's message", async () => {
    const { client } = await setup({ version });
    const error = await client.create("res.partner", { name: "" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogicError);
    expect((error as Error).message).toContain("Contacts require a name");
  });

  it("a UserError is a LogicError keeping Odoo's message", async () => {
    const { client } = await setup({ version });
    const id = await client.create("account.move", { move_type: "out_invoice" });
    const error = await client
      .execute("account.move", "action_post", { ids: [id] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogicError);
    expect((error as Error).message).toContain("The field 'Customer' is required");
  });

  it("a MissingError is a DataError", async () => {
    const { client } = await setup({ version });
    await expect(client.read("account.move", [999], ["name"])).rejects.toBeInstanceOf(DataError);
  });

  it("an unknown field is a LogicError, not something to retry", async () => {
    const { client } = await setup({ version });
    const error = await client
      .searchRead("res.partner", [], ["no_such_field"])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogicError);
    expect((error as Error).message).toContain("no_such_field");
  });

  it("a 503 from a proxy is a TransientError", async () => {
    const { fake, client } = await setup({ version });
    await client.connect();
    fake.failNext({ status: 503 });
    const error = await client.searchCount("res.partner", []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).not.toBeInstanceOf(RateLimitError);
  });

  it("a 429 is a RateLimitError with Retry-After", async () => {
    const { fake, client } = await setup({ version });
    await client.connect();
    fake.failNext({ status: 429, headers: { "Retry-After": "120" } });
    const error = await client.searchCount("res.partner", []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect((error as RateLimitError).resetAt?.getTime()).toBe(NOW.getTime() + 120_000);
  });

  it("a wrong database is an AuthError naming ODOO_DB", async () => {
    const { client } = await setup({ version }, { database: "nope" });
    const error = await client.searchCount("res.partner", []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain("ODOO_DB");
  });
});

describe("connection failures", () => {
  it("an unreachable server is a TransientError, and the next call tries again", async () => {
    const fake = createFakeOdoo({ version: "17.0" });
    const { url, close } = await fake.start();
    await close();
    const client = createOdooClient({
      config: { url, database: "acme", user: "u", apiKey: "k" },
      now: () => NOW,
      timeoutMs: 2_000,
    });
    await expect(client.connect()).rejects.toBeInstanceOf(TransientError);
    await expect(client.connect()).rejects.toBeInstanceOf(TransientError);
  });

  it("a 503 while connecting is forgotten once the server is back", async () => {
    const { fake, client } = await setup({ version: "17.0" });
    fake.failNext({ status: 503 });
    await expect(client.connect()).rejects.toBeInstanceOf(TransientError);
    expect((await client.connect()).protocol).toBe("jsonrpc");
  });
});

describe.each(["17.0", "19.0"])("the fake's ORM through the client on Odoo %s", (version) => {
  it("answers domains with =, !=, in, not in, <, <=, >, >=, ilike, &, | and !", async () => {
    const { client } = await setup({ version });
    const ids: Record<string, number> = {};
    for (const [name, email, rank] of [
      ["Acme", "ana@acme.example", 3],
      ["Bolt", "ben@bolt.example", 1],
      ["Crux", false, 0],
    ] as const) {
      ids[name] = await client.create("res.partner", { name, email, customer_rank: rank });
    }
    const names = async (domain: unknown[]) =>
      (await client.searchRead("res.partner", domain, ["name"], { order: "name" })).map((row) => row.name);
    expect(await names([["customer_rank", ">", 0]])).toEqual(["Acme", "Bolt"]);
    expect(
      await names([
        ["customer_rank", ">=", 1],
        ["customer_rank", "<", 3],
      ]),
    ).toEqual(["Bolt"]);
    expect(
      await names([
        ["customer_rank", "<=", 1],
        ["name", "!=", "Crux"],
      ]),
    ).toEqual(["Bolt"]);
    expect(await names([["id", "in", [ids.Acme, ids.Crux]]])).toEqual(["Acme", "Crux"]);
    expect(await names([["name", "not in", ["Acme", "Bolt"]]])).toEqual(["Crux"]);
    expect(await names([["email", "=", false]])).toEqual(["Crux"]);
    expect(await names(["|", ["email", "ilike", "ACME"], ["name", "=", "Crux"]])).toEqual(["Acme", "Crux"]);
    expect(await names(["!", ["email", "ilike", "example"]])).toEqual(["Crux"]);
    expect(await names(["&", ["customer_rank", ">", 0], "!", ["name", "like", "Ac"]])).toEqual(["Bolt"]);
    expect(await client.searchCount("res.partner", [["email", "ilike", "example"]])).toBe(2);
    expect(
      (
        await client.searchRead("res.partner", [], ["name"], {
          order: "customer_rank desc",
          limit: 1,
          offset: 1,
        })
      )[0]?.name,
    ).toBe("Bolt");
  });
});
