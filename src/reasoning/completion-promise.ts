/**
 * @module The Ralph loop's completion promise: a model that writes this tag says the task is finished.
 * File movement still wins — a task is only done when its file reaches `Done/`.
 */
export const PROMISE_TAG = "<promise>TASK_COMPLETE</promise>";

export function hasCompletionPromise(text: string): boolean {
  return text.includes(PROMISE_TAG);
}
