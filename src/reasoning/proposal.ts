/**
 * @module What a reasoner returns: a plan and proposed actions. A proposal names a registered MCP tool
 * and its arguments; it is only a proposal — the orchestrator checks it against the tool's schema, the
 * policy decides on it, and only the executor runs it.
 */

export interface Proposal {
  server: string;
  tool: string;
  arguments: Record<string, unknown>;
  /** Why the employee proposes it, for the plan and the approval request. */
  rationale: string;
  /**
   * Argument names the reasoner knows came from untrusted content. Code adds to this list
   * (see provenance.ts); nothing can remove from it.
   */
  untrustedFields: string[];
}

export interface PlanStep {
  text: string;
  done: boolean;
}

export interface PlanDraft {
  objective: string;
  steps: PlanStep[];
  proposals: Proposal[];
  /** Things only a person can settle, said plainly; the task is flagged when any are present. */
  flags: string[];
  /** The reasoner says the task is finished (the Ralph loop's completion promise). */
  complete: boolean;
  /** Which reasoner produced it: `offline-rules` or the model's name. */
  reasoner: string;
  /** Model usage, when a model was called. */
  usage?: { promptTokens: number; completionTokens: number };
}
