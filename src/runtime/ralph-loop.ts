/**
 * @module The Ralph Wiggum loop: a multi-step task goes back to the reasoner with what happened so far
 * until it is really done — the task file reaches `Done/` (file movement wins) or the reasoner keeps its
 * completion promise — bounded by iterations, wall time and consecutive errors. Its state survives a
 * restart; on exhaustion a person gets an alert with the history.
 */
import type { StateStore } from "../vault/state-store.js";

/** Five rounds of plan → approval → execution is more than any task the employee should chain alone. */
export const DEFAULT_MAX_ITERATIONS = 5;
/** A loop still open after a week is waiting on something a person must look at. */
export const MAX_WALL_MS = 7 * 24 * 3_600_000;
/** Three failures in a row means the next try will fail too. */
export const MAX_CONSECUTIVE_ERRORS = 3;
/** The history a person reads on exhaustion; older lines are summarised away. */
const MAX_HISTORY = 50;

export interface LoopState {
  task: string;
  iteration: number;
  max_iterations: number;
  completion_promise: string;
  started_at: string;
  complete: boolean;
  consecutive_errors: number;
  history: string[];
}

export type LoopVerdict =
  | { kind: "finish" }
  | { kind: "continue"; iteration: number; history: string[] }
  | { kind: "exhausted"; reason: string; state: LoopState };

export function createRalphLoop(deps: { state: StateStore; now(): Date; maxIterations?: number }) {
  const key = (taskId: string) => `loop-${taskId}`;
  const max = deps.maxIterations ?? DEFAULT_MAX_ITERATIONS;

  async function load(taskId: string): Promise<LoopState> {
    return (
      (await deps.state.read<LoopState>(key(taskId))) ?? {
        task: taskId,
        iteration: 0,
        max_iterations: max,
        completion_promise: "<promise>TASK_COMPLETE</promise>",
        started_at: deps.now().toISOString(),
        complete: false,
        consecutive_errors: 0,
        history: [],
      }
    );
  }

  async function save(state: LoopState): Promise<void> {
    await deps.state.write(key(state.task), { ...state, history: state.history.slice(-MAX_HISTORY) });
  }

  return {
    load,
    /** Records one iteration's plan: whether the reasoner promised completion, and what it planned. */
    async planned(taskId: string, iteration: number, complete: boolean, summary: string): Promise<void> {
      const state = await load(taskId);
      await save({
        ...state,
        iteration,
        complete,
        consecutive_errors: 0,
        history: [...state.history, `iteration ${iteration}: ${summary}`],
      });
    },
    async failed(taskId: string, error: string): Promise<LoopState> {
      const state = await load(taskId);
      const next = {
        ...state,
        consecutive_errors: state.consecutive_errors + 1,
        history: [...state.history, `error: ${error}`],
      };
      await save(next);
      return next;
    },
    /** Every request of the task closed: finish, go round again, or give up. */
    async next(taskId: string, outcomes: string[]): Promise<LoopVerdict> {
      const state = await load(taskId);
      const history = [...state.history, ...outcomes.map((outcome) => `outcome: ${outcome}`)];
      if (state.complete) return { kind: "finish" };
      const updated = { ...state, history };
      if (state.iteration >= state.max_iterations) {
        await save(updated);
        return {
          kind: "exhausted",
          reason: `it reached ${state.max_iterations} iterations without finishing`,
          state: updated,
        };
      }
      if (deps.now().getTime() - Date.parse(state.started_at) > MAX_WALL_MS) {
        await save(updated);
        return { kind: "exhausted", reason: "it has been open for more than a week", state: updated };
      }
      if (state.consecutive_errors >= MAX_CONSECUTIVE_ERRORS) {
        await save(updated);
        return { kind: "exhausted", reason: `${state.consecutive_errors} errors in a row`, state: updated };
      }
      await save(updated);
      return { kind: "continue", iteration: state.iteration + 1, history };
    },
  };
}

export type RalphLoop = ReturnType<typeof createRalphLoop>;
