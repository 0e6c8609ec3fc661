/**
 * @module The shape of an action-layer tool. Each integration exports a list of these; `src/mcp/` puts
 * them behind MCP servers and behind the approval gate, so a tool's `run` is only ever reached with a
 * valid decision. A tool's `run` performs the side effect and nothing else: no policy, no logging.
 */
import type { z } from "zod";
import type { ActionFacts } from "../governance/action-facts.js";

export type { ActionCategory, ActionFacts } from "../governance/action-facts.js";

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolResult {
  /** What happened, for a model or a person. */
  text: string;
  /** Structured outcome (ids, URLs) for the log and for later steps. */
  data?: Record<string, unknown>;
  /** True when the action was rendered to `Outbox/` instead of leaving the machine. */
  dryRun?: boolean;
}

export interface ToolDefinition<Input extends z.ZodObject = z.ZodObject> {
  /** snake_case verb_noun, e.g. `send_email`. */
  name: string;
  title: string;
  /** Written for a model: what it does, when to use it, what it needs. */
  description: string;
  input: Input;
  annotations: ToolAnnotations;
  /** `write` tools change the world and are gated by approvals; `read` tools answer directly. */
  effect: "read" | "write";
  /** Required for `write` tools: what the policy decides on. */
  facts?(input: z.infer<Input>): ActionFacts;
  run(input: z.infer<Input>, signal: AbortSignal): Promise<ToolResult>;
}

/** Keeps the input type of one tool while collecting tools of different inputs in one list. */
export function defineTool<Input extends z.ZodObject>(tool: ToolDefinition<Input>): ToolDefinition {
  return tool;
}
