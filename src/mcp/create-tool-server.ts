/**
 * @module One MCP server from a list of tools. The server knows nothing of its transport (stdio for
 * outside clients, in-memory for the employee's own executor). Read-only tools answer directly; every
 * side-effecting tool gains an optional `approval_id` and goes through the approval gate.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { Redactor } from "../governance/redact.js";
import type { ToolDefinition, ToolResult } from "../integrations/tool-definition.js";
import type { ApprovalGate } from "./approval-gate.js";
import type { GateResult } from "./gate-result.js";

export const SERVER_VERSION = "0.1.0";

const APPROVAL_ID = z
  .string()
  .max(80)
  .optional()
  .describe(
    "Leave empty the first time: the call then files an approval request for a person and answers 'pending approval <id>'. After the person approves, call again with exactly the same arguments and this id to run it once.",
  );

function fromToolResult(result: ToolResult): CallToolResult {
  const data = result.data ? `\n${JSON.stringify(result.data, null, 2)}` : "";
  return {
    content: [{ type: "text", text: `${result.text}${data}` }],
    structuredContent: { status: "ok", ...result.data },
  };
}

function fromGate(result: GateResult): CallToolResult {
  const structured = { ...result, result: undefined } as Record<string, unknown>;
  switch (result.status) {
    case "pending":
      return { content: [{ type: "text", text: result.text }], structuredContent: structured };
    case "executed": {
      const text = `${result.result.dryRun ? "dry run: " : ""}${result.result.text}`;
      return {
        content: [{ type: "text", text }],
        structuredContent: {
          ...structured,
          data: result.result.data ?? null,
          dryRun: result.result.dryRun === true,
        },
      };
    }
    case "superseded":
    case "deferred":
      return { content: [{ type: "text", text: result.reason }], structuredContent: structured };
    case "refused":
      return {
        isError: true,
        content: [{ type: "text", text: `refused: ${result.reason}` }],
        structuredContent: structured,
      };
    case "failed":
      return {
        isError: true,
        content: [{ type: "text", text: `failed (${result.kind}): ${result.error}` }],
        structuredContent: structured,
      };
  }
}

export interface ToolServerDeps {
  gate: ApprovalGate;
  redactor: Redactor;
}

export function createToolServer(
  name: string,
  tools: readonly ToolDefinition[],
  deps: ToolServerDeps,
): McpServer {
  const server = new McpServer({ name: `ai-employee-${name}`, version: SERVER_VERSION });
  for (const tool of tools) {
    const write = tool.effect === "write";
    const inputSchema = write ? tool.input.extend({ approval_id: APPROVAL_ID }) : tool.input;
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema,
        annotations: { title: tool.title, ...tool.annotations },
      },
      async (args: Record<string, unknown>, extra): Promise<CallToolResult> => {
        try {
          if (!write) return fromToolResult(await tool.run(args, extra.signal));
          const { approval_id: approvalId, ...parameters } = args;
          return fromGate(
            await deps.gate.call(name, tool, parameters, approvalId as string | undefined, extra.signal),
          );
        } catch (error) {
          const message = deps.redactor.text(error instanceof Error ? error.message : String(error));
          return { isError: true, content: [{ type: "text", text: message }] };
        }
      },
    );
  }
  return server;
}
