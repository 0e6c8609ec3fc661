/**
 * @module The Ralph Wiggum loop: a multi-step task goes back to the reasoner with what happened so far
 * until it is really done — the task file reaches `Done/` (file movement wins) or the reasoner keeps its
 * completion promise — bounded by iterations, wall time and consecutive errors. On exhaustion a person
 * gets an alert with the history.
 *
 * The loop's state is kept on the task note itself (`iteration` and `loop` in its front matter): it
 * survives a restart, moves with the task to `Done/`, and is written with the task's own update instead
 * of in a file of its own. The note is a person's file too, so what is read back is checked.
 */

/** Five rounds of plan → approval → execution is more than any task the employee should chain alone. */
export const DEFAULT_MAX_ITERATIONS = 5;
/** A loop still open after a week is waiting on something a person must look at. */
export const MAX_WALL_MS = 7 * 24 * 3_600_000;
/** Three failures in a row means the next try will fail too. */
export const MAX_CONSECUTIVE_ERRORS = 3;
/** The history a person reads on exhaustion; older lines are summarised away. */
const MAX_HISTORY = 50;

export interface LoopState {
  /** The last iteration planned; 0 before the first. */
  iteration: number;
  max_iterations: number;
  started_at: string;
  /** Whether the reasoner kept its completion promise in the last plan. */
  complete: boolean;
  consecutive_errors: number;
  history: string[];
}

export type LoopVerdict =
  | { kind: "finish" }
  | { kind: "continue"; iteration: number; state: LoopState }
  | { kind: "exhausted"; reason: string; state: LoopState };

/** The loop's state as recorded on a task note, or a fresh one for a task never planned. */
export function loopStateOf(
  data: Record<string, unknown>,
  now: Date,
  maxIterations = DEFAULT_MAX_ITERATIONS,
): LoopState {
  const recorded = isRecord(data.loop) ? data.loop : {};
  const count = (value: unknown, fallback: number) =>
    typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : fallback;
  return {
    iteration: count(data.iteration, 0),
    max_iterations: count(recorded.max_iterations, maxIterations),
    started_at:
      typeof recorded.started_at === "string" && !Number.isNaN(Date.parse(recorded.started_at))
        ? recorded.started_at
        : now.toISOString(),
    complete: recorded.complete === true,
    consecutive_errors: count(recorded.consecutive_errors, 0),
    history: Array.isArray(recorded.history)
      ? recorded.history.filter((line): line is string => typeof line === "string")
      : [],
  };
}

/** The front-matter fields that record `state` on its task note. */
export function loopFields(state: LoopState): { iteration: number; loop: Omit<LoopState, "iteration"> } {
  const { iteration, ...loop } = state;
  return { iteration, loop: { ...loop, history: loop.history.slice(-MAX_HISTORY) } };
}

/** One iteration planned: whether the reasoner promised completion, and what it planned. */
export function afterPlan(
  state: LoopState,
  iteration: number,
  complete: boolean,
  summary: string,
): LoopState {
  return {
    ...state,
    iteration,
    complete,
    consecutive_errors: 0,
    history: [...state.history, `iteration ${iteration}: ${summary}`],
  };
}

/** A try that failed in an unexpected way, counted against the bound on errors in a row. */
export function afterError(state: LoopState, error: string): LoopState {
  return {
    ...state,
    consecutive_errors: state.consecutive_errors + 1,
    history: [...state.history, `error: ${error}`],
  };
}

/** Every request of the task closed: finish, go round again, or give up. */
export function nextStep(state: LoopState, outcomes: string[], now: Date): LoopVerdict {
  if (state.complete) return { kind: "finish" };
  const updated = {
    ...state,
    history: [...state.history, ...outcomes.map((outcome) => `outcome: ${outcome}`)],
  };
  if (state.iteration >= state.max_iterations) {
    return {
      kind: "exhausted",
      reason: `it reached ${state.max_iterations} iterations without finishing`,
      state: updated,
    };
  }
  if (now.getTime() - Date.parse(state.started_at) > MAX_WALL_MS) {
    return { kind: "exhausted", reason: "it has been open for more than a week", state: updated };
  }
  if (state.consecutive_errors >= MAX_CONSECUTIVE_ERRORS) {
    return { kind: "exhausted", reason: `${state.consecutive_errors} errors in a row`, state: updated };
  }
  return { kind: "continue", iteration: state.iteration + 1, state: updated };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
