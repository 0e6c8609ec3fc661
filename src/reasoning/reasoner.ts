/**
 * @module The reasoner port: a task in, a plan and proposals out. Adapters: the offline rules reasoner
 * and the OpenAI-compatible model. Neither performs a side effect.
 */
import type { Handbook } from "../governance/handbook.js";
import type { Task } from "../vault/task-note.js";
import type { PlanDraft } from "./proposal.js";

export interface Rate {
  service: string;
  unit: string;
  rate: number;
  currency: string;
}

/** A tool the reasoner may propose, as the MCP server describes it. */
export interface ToolOffer {
  server: string;
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  inputSchema: Record<string, unknown>;
}

export interface ReasonerInput {
  task: Task;
  handbook: Handbook;
  rates: Rate[];
  /** Only the tools that fit this task. */
  tools: ToolOffer[];
  /** Skill instructions that fit this task (trusted text). */
  skills: { name: string; instructions: string }[];
  /** 1 on the first pass; the Ralph loop increments it. */
  iteration: number;
  /** What happened in earlier iterations (executed, rejected, failed), for multi-step work. */
  history: string[];
  signal: AbortSignal;
}

export interface Reasoner {
  readonly name: string;
  plan(input: ReasonerInput): Promise<PlanDraft>;
}
