/**
 * @module A model's answer read once, at the edge, with zod: the completion's shape, each tool call's
 * name (only an offered tool or `finish_plan`), its arguments (JSON, then the tool's schema). An answer
 * is taken whole or not at all — one bad call rejects the answer, so nothing half-parsed is proposed.
 */
import { z } from "zod";
import { hasCompletionPromise } from "./completion-promise.js";
import { FINISH_PLAN, FinishPlanArguments, functionName, offerNamed } from "./model-tools.js";
import type { ToolOffer } from "./reasoner.js";

/** More actions than this from one task is not a plan a person can review: the answer is refused. */
export const MAX_PROPOSALS_PER_ANSWER = 5;
/** Problems quoted back to the model are bounded: they may repeat what it (or an email) wrote. */
const MAX_PROBLEM_CHARS = 300;
const MAX_PROBLEMS = 8;

const ToolCall = z.object({
  id: z.string().min(1),
  type: z.string().optional(),
  function: z.object({
    name: z.string(),
    arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  }),
});
export type ToolCall = z.infer<typeof ToolCall>;

export const Completion = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), tool_calls: z.array(ToolCall).nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number().nonnegative(), completion_tokens: z.number().nonnegative() })
    .nullish(),
});
export type Completion = z.infer<typeof Completion>;
export type CompletionMessage = Completion["choices"][number]["message"];

export interface AcceptedCall {
  offer: ToolOffer;
  arguments: Record<string, unknown>;
}

export type ModelAnswer =
  | { ok: true; calls: AcceptedCall[]; finish: FinishPlanArguments | undefined; text: string }
  | { ok: false; problems: string[] };

function clip(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_PROBLEM_CHARS ? `${line.slice(0, MAX_PROBLEM_CHARS - 1)}…` : line;
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 4)
    .map((issue) => `${issue.path.join(".") || "arguments"}: ${issue.message}`)
    .join("; ");
}

function argumentsOf(
  call: ToolCall,
): { ok: true; value: Record<string, unknown> } | { ok: false; problem: string } {
  const raw = call.function.arguments ?? "{}";
  if (typeof raw !== "string") return { ok: true, value: raw };
  let value: unknown;
  try {
    value = JSON.parse(raw.trim() === "" ? "{}" : raw);
  } catch (error) {
    return {
      ok: false,
      problem: `the arguments of ${call.function.name} are not valid JSON (${error instanceof Error ? error.message : "parse error"}): ${clip(raw.slice(0, 120))}`,
    };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, problem: `the arguments of ${call.function.name} must be a JSON object` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** The offered tool's JSON Schema as zod; an unconvertible schema is left to the orchestrator's check. */
function schemaOf(offer: ToolOffer): z.ZodType {
  try {
    return z.fromJSONSchema(offer.inputSchema);
  } catch {
    return z.record(z.string(), z.unknown());
  }
}

export function readModelAnswer(message: CompletionMessage, offers: readonly ToolOffer[]): ModelAnswer {
  const problems: string[] = [];
  const calls: AcceptedCall[] = [];
  let finish: FinishPlanArguments | undefined;
  for (const call of message.tool_calls ?? []) {
    const name = call.function.name;
    if (call.type !== undefined && call.type !== "function") {
      problems.push(`"${clip(name)}" is a ${clip(call.type)} call; only function calls are accepted`);
      continue;
    }
    const offer = offerNamed(name, offers);
    if (name !== FINISH_PLAN && !offer) {
      const offered = [...offers.map(functionName), FINISH_PLAN].join(", ");
      problems.push(`"${clip(name)}" is not a tool you were offered; use only: ${offered}`);
      continue;
    }
    const parsed = argumentsOf(call);
    if (!parsed.ok) {
      problems.push(parsed.problem);
      continue;
    }
    if (name === FINISH_PLAN) {
      const plan = FinishPlanArguments.safeParse(parsed.value);
      if (!plan.success) problems.push(`${FINISH_PLAN}: ${issuesText(plan.error)}`);
      else if (finish) problems.push(`call ${FINISH_PLAN} only once`);
      else finish = plan.data;
      continue;
    }
    const checked = schemaOf(offer!).safeParse(parsed.value);
    if (!checked.success) problems.push(`${name}: ${issuesText(checked.error)}`);
    else calls.push({ offer: offer!, arguments: parsed.value });
  }
  if (calls.length > MAX_PROPOSALS_PER_ANSWER)
    problems.push(`propose at most ${MAX_PROPOSALS_PER_ANSWER} actions for one task`);
  const text = message.content ?? "";
  if (problems.length === 0 && calls.length === 0 && !finish && !hasCompletionPromise(text)) {
    problems.push(`the answer had neither actions nor a plan: call ${FINISH_PLAN}`);
  }
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS).map(clip) };
  return { ok: true, calls, finish, text };
}
