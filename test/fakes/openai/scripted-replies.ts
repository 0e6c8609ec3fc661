/**
 * @module What the scripted model server answers, one reply per request, in the order a test scripts
 * them: an answer (text and tool calls), an HTTP error in OpenAI's error envelope (with Retry-After for a
 * 429), a delay before another reply, or a dropped connection.
 */

export interface ScriptedToolCall {
  name: string;
  /** JSON text as the model wrote it — possibly malformed. */
  arguments: string;
}

export type ScriptedReply =
  | {
      kind: "answer";
      content?: string | null;
      toolCalls?: ScriptedToolCall[];
      usage?: { promptTokens: number; completionTokens: number };
    }
  | {
      kind: "error";
      status: number;
      message: string;
      type?: string;
      code?: string | null;
      retryAfter?: string;
    }
  | { kind: "delay"; ms: number; then: ScriptedReply }
  | { kind: "drop" };

export function call(name: string, args: Record<string, unknown>): ScriptedToolCall {
  return { name, arguments: JSON.stringify(args) };
}

/** Arguments that are not valid JSON, the way small models get them wrong (a cut-off object). */
export function malformedCall(
  name: string,
  text = '{"to": ["ana@client-a.example"], "subject": "Re: Quote", "body": "Hello',
): ScriptedToolCall {
  return { name, arguments: text };
}

export function finishPlan(
  plan: Partial<{ objective: string; steps: string[]; flags: string[]; complete: boolean }> = {},
): ScriptedToolCall {
  return call("finish_plan", {
    objective: "Answer the client",
    steps: ["Reply to the client"],
    flags: [],
    complete: false,
    ...plan,
  });
}

export function answer(toolCalls: ScriptedToolCall[], content: string | null = null): ScriptedReply {
  return { kind: "answer", content, toolCalls };
}

export function textAnswer(content: string): ScriptedReply {
  return { kind: "answer", content, toolCalls: [] };
}

export function rateLimited(retryAfterSeconds: number): ScriptedReply {
  return {
    kind: "error",
    status: 429,
    message: "Rate limit reached for requests. Please try again later.",
    type: "requests",
    code: "rate_limit_exceeded",
    retryAfter: String(retryAfterSeconds),
  };
}

export function serverError(status = 500): ScriptedReply {
  return {
    kind: "error",
    status,
    message: "The server had an error while processing your request.",
    type: "server_error",
    code: null,
  };
}

export function delayed(ms: number, then: ScriptedReply): ScriptedReply {
  return { kind: "delay", ms, then };
}
