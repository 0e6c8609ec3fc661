import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createStateStore } from "../vault/state-store.js";
import { createRalphLoop, MAX_CONSECUTIVE_ERRORS, MAX_WALL_MS } from "./ralph-loop.js";

async function loopAt(clock: { now: number }, maxIterations = 3) {
  const state = createStateStore(await mkdtemp(path.join(tmpdir(), "loop-")));
  return createRalphLoop({ state, now: () => new Date(clock.now), maxIterations });
}

describe("the Ralph Wiggum loop's bounds", () => {
  it("finishes on the promise, continues otherwise, and stops at the iteration bound with the history", async () => {
    const clock = { now: Date.parse("2026-11-26T10:00:00Z") };
    const loop = await loopAt(clock);
    await loop.planned("t1", 1, true, "one step");
    expect(await loop.next("t1", ["send_email executed"])).toEqual({ kind: "finish" });

    await loop.planned("t2", 1, false, "draft the invoice");
    expect(await loop.next("t2", ["create_invoice executed"])).toMatchObject({
      kind: "continue",
      iteration: 2,
    });
    await loop.planned("t2", 2, false, "post it");
    await loop.planned("t2", 3, false, "email it");
    const verdict = await loop.next("t2", ["send_email rejected"]);
    expect(verdict).toMatchObject({ kind: "exhausted", reason: expect.stringMatching(/3 iterations/) });
    if (verdict.kind === "exhausted") {
      expect(verdict.state.history).toEqual(
        expect.arrayContaining([
          "iteration 1: draft the invoice",
          "outcome: create_invoice executed",
          "outcome: send_email rejected",
        ]),
      );
    }
  });

  it("stops after too many errors in a row, or when open for too long", async () => {
    const clock = { now: Date.parse("2026-11-26T10:00:00Z") };
    const loop = await loopAt(clock, 10);
    await loop.planned("t3", 1, false, "start");
    for (let index = 0; index < MAX_CONSECUTIVE_ERRORS; index += 1) await loop.failed("t3", "model down");
    expect(await loop.next("t3", [])).toMatchObject({
      kind: "exhausted",
      reason: expect.stringMatching(/errors in a row/),
    });

    await loop.planned("t4", 1, false, "start");
    clock.now += MAX_WALL_MS + 1;
    expect(await loop.next("t4", [])).toMatchObject({
      kind: "exhausted",
      reason: expect.stringMatching(/more than a week/),
    });
  });
});
