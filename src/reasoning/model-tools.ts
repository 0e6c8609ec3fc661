/**
 * @module What the model is offered: the task's tools as function tools named `server__tool`, and
 * `finish_plan`, the one call that ends an answer with the plan itself. Nothing else: no shell, no
 * fetch, no file access — the model can only propose what the employee's servers already gate.
 */
import type { ChatCompletionFunctionTool } from "openai/resources/chat/completions";
import { z } from "zod";
import type { ToolOffer } from "./reasoner.js";

export const FINISH_PLAN = "finish_plan";
const SEPARATOR = "__";

/** Bounds on what the model writes into a plan (the plan note is read by a person). */
export const MAX_PLAN_TEXT_CHARS = 300;
export const MAX_PLAN_ITEMS = 12;

export const FinishPlanArguments = z.strictObject({
  objective: z.string().min(1).max(MAX_PLAN_TEXT_CHARS).describe("What the task is for, in one sentence."),
  steps: z
    .array(z.string().min(1).max(MAX_PLAN_TEXT_CHARS))
    .max(MAX_PLAN_ITEMS)
    .describe("Short steps, in order."),
  flags: z
    .array(z.string().min(1).max(MAX_PLAN_TEXT_CHARS))
    .max(MAX_PLAN_ITEMS)
    .describe("What only the owner can settle; empty when none."),
  complete: z.boolean().describe("True when nothing is left once the proposed actions ran."),
});
export type FinishPlanArguments = z.infer<typeof FinishPlanArguments>;

export function functionName(offer: Pick<ToolOffer, "server" | "name">): string {
  return `${offer.server}${SEPARATOR}${offer.name}`;
}

/** The offer a function name stands for, only if it was offered for this task. */
export function offerNamed(name: string, offers: readonly ToolOffer[]): ToolOffer | undefined {
  return offers.find((offer) => functionName(offer) === name);
}

/** Bounds the walk over a schema; tool schemas are a few levels deep. */
const MAX_SCHEMA_DEPTH = 20;

/** Size limits and bookkeeping a model does not need to write a good call; the full schema still checks it. */
const LEFT_OUT = new Set([
  "$schema",
  "additionalProperties",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
]);

/**
 * The schema as the model sees it, kept small for the prompt budget: without LEFT_OUT's keys and without
 * the long pattern zod writes beside `format: "email"`. Arguments are still checked against the full
 * schema, and a violation earns the model a repair attempt with the exact error.
 */
export function compactSchema(schema: unknown, depth = 0): unknown {
  if (depth > MAX_SCHEMA_DEPTH || schema === null || typeof schema !== "object") return schema;
  if (Array.isArray(schema)) return schema.map((item) => compactSchema(item, depth + 1));
  const output: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (LEFT_OUT.has(key) || (key === "pattern" && "format" in schema)) continue;
    // `properties` maps names to schemas: its keys are argument names, never schema keywords.
    output[key] =
      key === "properties" && value !== null && typeof value === "object"
        ? mapValues(value as Record<string, unknown>, depth)
        : compactSchema(value, depth + 1);
  }
  return output;
}

function mapValues(properties: Record<string, unknown>, depth: number): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(properties).map(([name, value]) => [name, compactSchema(value, depth + 2)]),
  );
}

function compact(schema: Record<string, unknown>): Record<string, unknown> {
  return compactSchema(schema) as Record<string, unknown>;
}

/**
 * Top-level argument descriptions the model is shown once: a description is left out when an earlier
 * tool in the same request showed the same argument with the same words (`to`, `subject`, `body` across
 * the email tools), and for optional arguments (`cc`, `thread_id`…), whose names say enough at a first
 * step and whose misuse the schema check catches.
 */
function describedOnce(schema: Record<string, unknown>, seen: Set<string>): Record<string, unknown> {
  const properties = schema.properties;
  if (properties === null || typeof properties !== "object") return schema;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as unknown[]) : []);
  const output: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
    if (
      property === null ||
      typeof property !== "object" ||
      typeof (property as { description?: unknown }).description !== "string"
    ) {
      output[name] = property;
      continue;
    }
    const { description, ...rest } = property as { description: string };
    const key = `${name}\u0000${description}`;
    output[name] = seen.has(key) || !required.has(name) ? rest : property;
    seen.add(key);
  }
  return { ...schema, properties: output };
}

export function modelTools(offers: readonly ToolOffer[]): ChatCompletionFunctionTool[] {
  const seen = new Set<string>();
  const finish: ChatCompletionFunctionTool = {
    type: "function",
    function: {
      name: FINISH_PLAN,
      description: "Ends your answer with the plan. Call it exactly once, after proposing any actions.",
      parameters: compact(z.toJSONSchema(FinishPlanArguments)),
    },
  };
  return [
    ...offers.map((offer): ChatCompletionFunctionTool => ({
      type: "function",
      function: {
        name: functionName(offer),
        description: offer.description,
        parameters: describedOnce(compact(offer.inputSchema), seen),
      },
    })),
    finish,
  ];
}
