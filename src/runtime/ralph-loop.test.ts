import { describe, expect, it } from "vitest";
import {
  afterError,
  afterPlan,
  loopFields,
  loopStateOf,
  MAX_CONSECUTIVE_ERRORS,
  MAX_WALL_MS,
  nextStep,
  type LoopState,
} from "./ralph-loop.js";

const start = new Date("2026-11-26T10:00:00Z");

/** The state as the task note records it, read back: what the next step sees. */
function roundTrip(state: LoopState, maxIterations?: number): LoopState {
  return loopStateOf(loopFields(state), start, maxIterations);
}

describe("the Ralph Wiggum loop's bounds", () => {
  it("finishes on the promise, continues otherwise, and stops at the iteration bound with the history", () => {
    const promised = roundTrip(afterPlan(loopStateOf({}, start), 1, true, "one step"));
    expect(nextStep(promised, ["send_email executed"], start)).toEqual({ kind: "finish" });

    let state = roundTrip(afterPlan(loopStateOf({}, start, 3), 1, false, "draft the invoice"), 3);
    const second = nextStep(state, ["create_invoice executed"], start);
    expect(second).toMatchObject({ kind: "continue", iteration: 2 });
    if (second.kind !== "continue") return;
    state = roundTrip(afterPlan(second.state, 2, false, "post it"));
    state = roundTrip(afterPlan(state, 3, false, "email it"));
    const verdict = nextStep(state, ["send_email rejected"], start);
    expect(verdict).toMatchObject({ kind: "exhausted", reason: expect.stringMatching(/3 iterations/) });
    if (verdict.kind === "exhausted") {
      expect(verdict.state.history).toEqual([
        "iteration 1: draft the invoice",
        "outcome: create_invoice executed",
        "iteration 2: post it",
        "iteration 3: email it",
        "outcome: send_email rejected",
      ]);
    }
  });

  it("stops after too many errors in a row, or when open for too long", () => {
    let state = roundTrip(afterPlan(loopStateOf({}, start, 10), 1, false, "start"), 10);
    for (let index = 0; index < MAX_CONSECUTIVE_ERRORS; index += 1)
      state = roundTrip(afterError(state, "model down"), 10);
    expect(nextStep(state, [], start)).toMatchObject({
      kind: "exhausted",
      reason: expect.stringMatching(/errors in a row/),
    });
    // A plan that succeeds clears the count.
    expect(nextStep(afterPlan(state, 2, false, "again"), [], start)).toMatchObject({ kind: "continue" });

    const fresh = roundTrip(afterPlan(loopStateOf({}, start, 10), 1, false, "start"), 10);
    expect(nextStep(fresh, [], new Date(start.getTime() + MAX_WALL_MS + 1))).toMatchObject({
      kind: "exhausted",
      reason: expect.stringMatching(/more than a week/),
    });
  });

  it("reads back what a person may have broken on the note as a fresh loop, not an error", () => {
    const state = loopStateOf(
      {
        iteration: "two",
        loop: { max_iterations: -1, started_at: "soon", complete: "yes", history: [1, "kept"] },
      },
      start,
    );
    expect(state).toEqual({
      iteration: 0,
      max_iterations: 5,
      started_at: start.toISOString(),
      complete: false,
      consecutive_errors: 0,
      history: ["kept"],
    });
  });

  it("keeps the last fifty lines of history on the note", () => {
    let state = loopStateOf({}, start);
    for (let index = 0; index < 60; index += 1) state = afterError(state, `failure ${index}`);
    const { loop } = loopFields(state);
    expect(loop.history).toHaveLength(50);
    expect(loop.history.at(-1)).toBe("error: failure 59");
  });
});
