import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createStateStore } from "../vault/state-store.js";
import { createTokenBudget } from "./token-budget.js";

let directory: string | undefined;

afterEach(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
  directory = undefined;
});

describe("the daily token budget", () => {
  it("counts what was used today and starts again the next day", async () => {
    let now = new Date("2026-03-11T10:00:00Z");
    const budget = createTokenBudget({ limit: 1_000, now: () => now });
    await budget.record(400);
    await budget.record(700);
    expect(await budget.remaining()).toBe(-100);
    now = new Date("2026-03-12T00:00:01Z");
    expect(await budget.remaining()).toBe(1_000);
  });

  it("turns the day at midnight in the configured time zone", async () => {
    let now = new Date("2026-03-11T18:00:00Z");
    const budget = createTokenBudget({ limit: 1_000, now: () => now, timezone: "Asia/Karachi" });
    await budget.record(900);
    // 19:30 UTC is 00:30 the next day in Karachi (UTC+5).
    now = new Date("2026-03-11T19:30:00Z");
    expect(await budget.remaining()).toBe(1_000);
  });

  it("survives a restart in the state store and loses no usage to concurrent tasks", async () => {
    directory = await mkdtemp(path.join(tmpdir(), "token-budget-"));
    const state = createStateStore(directory);
    const now = () => new Date("2026-03-11T10:00:00Z");
    const first = createTokenBudget({ limit: 10_000, now, state });
    await Promise.all(Array.from({ length: 20 }, () => first.record(100)));
    const restarted = createTokenBudget({ limit: 10_000, now, state });
    expect(await restarted.remaining()).toBe(8_000);
  });
});
