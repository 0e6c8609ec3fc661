/**
 * @module A scripted OpenAI-compatible server (node:http on 127.0.0.1, port 0), written from OpenAI's
 * Chat Completions reference: `POST /v1/chat/completions` answers with a `chat.completion` object (tool
 * calls with JSON-text arguments, `finish_reason`, `usage`) or an error envelope
 * `{ error: { message, type, param, code } }`; `GET /v1/models` lists the model. A test scripts the
 * replies in order; when the script is empty a responder (such as the compromised model) answers. Every
 * request is recorded so a test can check exactly what the model was shown.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ScriptedReply } from "./scripted-replies.js";

export interface ChatRequestMessage {
  role: string;
  content?: string | null;
  tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatRequestMessage[];
  tools?: {
    type: string;
    function: { name: string; description?: string; parameters?: Record<string, unknown> };
  }[];
  tool_choice?: unknown;
  max_tokens?: number;
  temperature?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: ChatRequest | undefined;
}

export type Responder = (request: ChatRequest) => ScriptedReply;

export interface ScriptedModelServer {
  /** The base URL a client is given (LLM_BASE_URL), ending in `/v1`. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Chat requests only, in order. */
  chatRequests(): ChatRequest[];
  script(...replies: ScriptedReply[]): void;
  /** Answers when the script is empty (undefined: a 400 saying the test scripted nothing). */
  respondWith(responder: Responder | undefined): void;
  /** Stops listening (the endpoint is down) and starts again on the same port (it is back). */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Bounds a request body: a chat request is a few kilobytes. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

function estimateTokens(value: unknown): number {
  return Math.ceil(JSON.stringify(value ?? "").length / 4);
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, { error: { message, type, param: null, code } }, headers);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function createScriptedModelServer(
  options: { model?: string; apiKey?: string } = {},
): Promise<ScriptedModelServer> {
  const model = options.model ?? "qwen2.5:7b-instruct";
  const requests: RecordedRequest[] = [];
  const script: ScriptedReply[] = [];
  let responder: Responder | undefined;
  let port = 0;

  function completion(body: ChatRequest, reply: Extract<ScriptedReply, { kind: "answer" }>) {
    const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
      id: `call_${index}_${randomUUID().slice(0, 8)}`,
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    }));
    const promptTokens = reply.usage?.promptTokens ?? estimateTokens([body.messages, body.tools]);
    const completionTokens = reply.usage?.completionTokens ?? estimateTokens([reply.content, toolCalls]);
    return {
      id: `chatcmpl-${randomUUID()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      system_fingerprint: null,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: reply.content ?? null,
            refusal: null,
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          },
          logprobs: null,
          finish_reason: toolCalls.length > 0 ? "tool_calls" : "stop",
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    };
  }

  function reply(response: ServerResponse, body: ChatRequest, scripted: ScriptedReply): void {
    if (scripted.kind === "delay") {
      const timer = setTimeout(() => reply(response, body, scripted.then), scripted.ms);
      response.on("close", () => clearTimeout(timer));
      return;
    }
    if (scripted.kind === "drop") {
      response.socket?.destroy();
      return;
    }
    if (scripted.kind === "error") {
      sendError(
        response,
        scripted.status,
        scripted.message,
        scripted.type ?? "invalid_request_error",
        scripted.code ?? null,
        scripted.retryAfter ? { "retry-after": scripted.retryAfter } : {},
      );
      return;
    }
    sendJson(response, 200, completion(body, scripted));
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const authorization = request.headers.authorization;
    const text = request.method === "POST" ? await readBody(request) : "";
    let body: ChatRequest | undefined;
    try {
      body = text ? (JSON.parse(text) as ChatRequest) : undefined;
    } catch {
      body = undefined;
    }
    requests.push({ method: request.method ?? "", path, authorization, body });
    if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`) {
      sendError(response, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
      return;
    }
    if (request.method === "GET" && path === "/v1/models") {
      sendJson(response, 200, {
        object: "list",
        data: [{ id: model, object: "model", created: 1_700_000_000, owned_by: "library" }],
      });
      return;
    }
    if (request.method !== "POST" || path !== "/v1/chat/completions") {
      sendError(
        response,
        404,
        `Unknown request URL: ${request.method ?? ""} ${path}.`,
        "invalid_request_error",
        "unknown_url",
      );
      return;
    }
    if (
      !body ||
      typeof body.model !== "string" ||
      !Array.isArray(body.messages) ||
      body.messages.length === 0
    ) {
      sendError(
        response,
        400,
        "'messages' is a required property and 'model' must be a string.",
        "invalid_request_error",
        null,
      );
      return;
    }
    if (body.model !== model) {
      sendError(
        response,
        404,
        `The model \`${body.model}\` does not exist or you do not have access to it.`,
        "invalid_request_error",
        "model_not_found",
      );
      return;
    }
    const next = script.shift() ?? responder?.(body);
    if (!next) {
      sendError(
        response,
        400,
        "The test scripted no reply for this request.",
        "invalid_request_error",
        "unscripted",
      );
      return;
    }
    reply(response, body, next);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendError(
          response,
          500,
          error instanceof Error ? error.message : String(error),
          "server_error",
          null,
        );
    });
  });

  async function listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    port = (server.address() as AddressInfo).port;
  }

  async function stop(): Promise<void> {
    if (!server.listening) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  await listen();
  return {
    get baseUrl() {
      return `http://127.0.0.1:${port}/v1`;
    },
    requests,
    chatRequests: () =>
      requests
        .filter((entry) => entry.path === "/v1/chat/completions" && entry.body)
        .map((entry) => entry.body!),
    script: (...replies) => void script.push(...replies),
    respondWith(next) {
      responder = next;
    },
    stop,
    start: listen,
    close: stop,
  };
}
