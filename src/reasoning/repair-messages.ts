/**
 * @module The one repair attempt: the model's answer goes back to it with every problem found, and it
 * answers again in full. Nothing of the first answer is kept, so the repaired answer is taken whole too.
 */
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { FINISH_PLAN } from "./model-tools.js";
import type { CompletionMessage, ToolCall } from "./read-model-answer.js";

/** Some chat templates parse echoed arguments again: malformed JSON is not sent back verbatim. */
function echoedArguments(call: ToolCall): string {
  const raw = call.function.arguments;
  const text = typeof raw === "string" ? raw : JSON.stringify(raw ?? {});
  try {
    JSON.parse(text);
    return text;
  } catch {
    return "{}";
  }
}

export function repairMessages(
  message: CompletionMessage | undefined,
  problems: readonly string[],
): ChatCompletionMessageParam[] {
  const calls = message?.tool_calls ?? [];
  const repair: ChatCompletionMessageParam[] = [];
  if (message) {
    repair.push({
      role: "assistant",
      content: message.content ?? null,
      ...(calls.length > 0
        ? {
            tool_calls: calls.map((call) => ({
              id: call.id,
              type: "function" as const,
              function: { name: call.function.name, arguments: echoedArguments(call) },
            })),
          }
        : {}),
    });
    // Every tool call is answered, as the protocol requires, before the user speaks again.
    for (const call of calls) {
      repair.push({
        role: "tool",
        tool_call_id: call.id,
        content: "Not accepted: the answer did not validate (see below). Nothing ran.",
      });
    }
  }
  repair.push({
    role: "user",
    content: [
      "Your answer could not be used:",
      ...problems.map((problem) => `- ${problem}`),
      `Nothing from it was kept. Answer again in full: propose actions only with the offered tools, with arguments that match their schemas, then call ${FINISH_PLAN}.`,
    ].join("\n"),
  });
  return repair;
}
