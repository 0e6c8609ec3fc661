/**
 * @module A model's accepted answer as a plan draft: its text made fit for the plan note (visible
 * characters, one line, bounded), each call a proposal whose every argument is marked untrusted when the
 * model had read outside content — and the draft that hands a task to a person when no answer was usable.
 */
import { hasCompletionPromise } from "./completion-promise.js";
import { stripInvisibleUnicode } from "../governance/invisible-unicode.js";
import { MAX_PLAN_ITEMS, MAX_PLAN_TEXT_CHARS } from "./model-tools.js";
import type { PlanDraft, Proposal } from "./proposal.js";
import type { AcceptedCall, ModelAnswer } from "./read-model-answer.js";

function planText(text: string): string {
  const line = stripInvisibleUnicode(text).replace(/\s+/g, " ").trim();
  return line.length > MAX_PLAN_TEXT_CHARS ? `${line.slice(0, MAX_PLAN_TEXT_CHARS - 1)}…` : line;
}

/** What the model wrote outside its reasoning: a `<think>` block may mention the promise without making it. */
function answerText(content: string): string {
  return content.replace(/<think>[\s\S]*?(?:<\/think>|$)/g, "");
}

function proposal(call: AcceptedCall, rationale: string, untrusted: boolean): Proposal {
  const names = Object.keys(call.arguments);
  return {
    server: call.offer.server,
    tool: call.offer.name,
    arguments: call.arguments,
    rationale,
    // Every value the model wrote after reading outside content may carry it; with no arguments at all,
    // the call itself is what the content may have asked for.
    untrustedFields: untrusted ? (names.length > 0 ? names : ["arguments"]) : [],
  };
}

export interface DraftContext {
  model: string;
  taskType: string;
  /** Whether the prompt quoted outside content. */
  readOutsideContent: boolean;
  usage: { promptTokens: number; completionTokens: number };
}

export function draftFromAnswer(
  answer: Extract<ModelAnswer, { ok: true }>,
  context: DraftContext,
): PlanDraft {
  const { finish } = answer;
  const objective = planText(finish?.objective ?? "") || `Handle the ${context.taskType.replace("_", " ")}`;
  const proposals = answer.calls.map((call) =>
    proposal(call, `Proposed by the model (${context.model}) for: ${objective}`, context.readOutsideContent),
  );
  return {
    objective,
    steps: [
      ...(finish?.steps ?? [])
        .slice(0, MAX_PLAN_ITEMS)
        .map((text) => ({ text: planText(text), done: false })),
      ...proposals.map((item) => ({
        text: `${item.tool}: proposed by the model (needs the policy's decision)`,
        done: false,
      })),
    ],
    proposals,
    flags: (finish?.flags ?? []).slice(0, MAX_PLAN_ITEMS).map(planText).filter(Boolean),
    complete: finish?.complete === true || hasCompletionPromise(answerText(answer.text)),
    reasoner: context.model,
    usage: context.usage,
  };
}

export function draftForPerson(
  problems: readonly string[],
  context: Pick<DraftContext, "model" | "usage">,
): PlanDraft {
  return {
    objective: "Decide this task yourself: the model's answer could not be used",
    steps: [],
    proposals: [],
    flags: [
      `The model's answer did not validate, even after a repair attempt (${problems.slice(0, 2).join("; ")}); nothing was proposed. Handle the task yourself, or move it back to Needs_Action/ to try again.`,
    ],
    complete: false,
    reasoner: context.model,
    usage: context.usage,
  };
}
