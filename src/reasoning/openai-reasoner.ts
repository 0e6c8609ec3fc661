/**
 * @module The model reasoner over any OpenAI-compatible chat-completions endpoint (Qwen on Ollama, vLLM,
 * llama.cpp server, DashScope). The model is offered only the task's tools plus `finish_plan`; its tool
 * calls are read with zod, an answer that does not validate gets one repair attempt, then the task goes
 * to a person with nothing proposed. Every value it proposes after reading outside content is marked
 * untrusted, so the policy never auto-approves it. An endpoint that cannot answer raises
 * ModelUnavailableError; the fallback reasoner then plans the task offline.
 */
import OpenAI from "openai";
import type {
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import { boundedRetryFetch } from "./bounded-retry-fetch.js";
import { createCallSlots } from "./call-slots.js";
import { draftForPerson, draftFromAnswer } from "./model-draft.js";
import { modelError } from "./model-error.js";
import { modelTools } from "./model-tools.js";
import { ModelUnavailableError } from "./model-unavailable-error.js";
import { buildPrompt, randomBoundary } from "./prompt.js";
import type { PlanDraft } from "./proposal.js";
import { Completion, readModelAnswer, type ModelAnswer } from "./read-model-answer.js";
import type { Reasoner, ReasonerInput } from "./reasoner.js";
import { repairMessages } from "./repair-messages.js";
import type { TokenBudget } from "./token-budget.js";
import { toolsForStep } from "./tool-fit.js";

/** Retries the SDK makes on a 429 or a 5xx before the model counts as unavailable for this task. */
export const DEFAULT_MAX_RETRIES = 2;
/** Plans are short; this bounds what one answer costs and how long it takes. */
const MAX_COMPLETION_TOKENS = 1_500;
/** An answer that does not validate gets this many repair attempts, then a person decides. */
const MAX_REPAIR_ATTEMPTS = 1;
/** A local model serves one request at a time; more calls in flight would only queue into time-outs. */
const MAX_CONCURRENT_CALLS = 2;
/** Low but not zero: tool calls stay well-formed without the model looping on one phrasing. */
const TEMPERATURE = 0.2;

export interface OpenAiReasonerOptions {
  /** LLM_BASE_URL, e.g. `http://localhost:11434/v1`. */
  baseUrl: string;
  /** LLM_MODEL, e.g. `qwen2.5:7b-instruct`. */
  model: string;
  /** LLM_API_KEY; local servers need none. */
  apiKey?: string | undefined;
  /** LLM_TIMEOUT_SECONDS in ms: bounds one model call, its retries included. */
  timeoutMs: number;
  budget: TokenBudget;
  maxRetries?: number;
  /** The boundary token source for the quoted block (tests pass a fixed one). */
  random?: () => string;
}

/** Tokens a server did not report are estimated (about four characters a token), so the budget still counts. */
function usageOf(completion: Completion | undefined, sent: unknown): { prompt: number; completion: number } {
  if (completion?.usage)
    return { prompt: completion.usage.prompt_tokens, completion: completion.usage.completion_tokens };
  return { prompt: Math.ceil(JSON.stringify(sent).length / 4), completion: 0 };
}

export function createOpenAiReasoner(options: OpenAiReasonerOptions): Reasoner {
  const { model, budget, timeoutMs } = options;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const random = options.random ?? randomBoundary;
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey || "not-needed",
    // Not taken from OPENAI_* variables of the environment: the employee's settings are LLM_*.
    organization: null,
    project: null,
    timeout: timeoutMs,
    maxRetries,
    fetch: boundedRetryFetch(globalThis.fetch),
  });
  const slot = createCallSlots(MAX_CONCURRENT_CALLS);

  async function complete(
    messages: ChatCompletionMessageParam[],
    tools: ChatCompletionFunctionTool[],
    signal: AbortSignal,
  ): Promise<Completion | undefined> {
    return slot(async () => {
      const deadline = AbortSignal.timeout(timeoutMs);
      try {
        const response: unknown = await client.chat.completions.create(
          {
            model,
            messages,
            tools,
            tool_choice: "auto",
            temperature: TEMPERATURE,
            max_tokens: MAX_COMPLETION_TOKENS,
          },
          { signal: AbortSignal.any([signal, deadline]) },
        );
        const parsed = Completion.safeParse(response);
        return parsed.success ? parsed.data : undefined;
      } catch (error) {
        if (signal.aborted) throw error;
        throw modelError(error, { baseUrl: options.baseUrl, model, timeoutMs, maxRetries, deadline });
      }
    });
  }

  return {
    name: model,
    async plan(input: ReasonerInput): Promise<PlanDraft> {
      if ((await budget.remaining()) <= 0) {
        throw new ModelUnavailableError(
          "over_budget",
          `today's token budget of ${budget.limit} is used up (LLM_DAILY_TOKEN_BUDGET); the model is used again tomorrow`,
        );
      }
      const offers = toolsForStep(input.tools, input);
      const prompt = buildPrompt({ ...input, tools: offers }, random);
      const tools = modelTools(offers);
      const messages: ChatCompletionMessageParam[] = [...prompt.messages];
      const usage = { promptTokens: 0, completionTokens: 0 };
      for (let attempt = 0; ; attempt += 1) {
        const completion = await complete(messages, tools, input.signal);
        const used = usageOf(completion, [messages, tools]);
        usage.promptTokens += used.prompt;
        usage.completionTokens += used.completion;
        await budget.record(used.prompt + used.completion);
        const message = completion?.choices[0]?.message;
        const answer: ModelAnswer = message
          ? readModelAnswer(message, offers)
          : { ok: false, problems: ["the response was not a chat completion with a message"] };
        if (answer.ok)
          return draftFromAnswer(answer, {
            model,
            taskType: input.task.meta.type,
            readOutsideContent: prompt.quotesOutsideContent,
            usage,
          });
        if (attempt >= MAX_REPAIR_ATTEMPTS) return draftForPerson(answer.problems, { model, usage });
        messages.push(...repairMessages(message, answer.problems));
      }
    },
  };
}
