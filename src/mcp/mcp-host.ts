/**
 * @module The MCP client host the executor uses: one SDK `Client` per server, connected in process over
 * the SDK's in-memory transport (five extra Node processes would blow the idle-memory budget). Every
 * call is bounded by a time-out.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { SERVER_VERSION } from "./create-tool-server.js";

/** A tool call that has not answered by then has hung; the gate's own retries fit well inside it. */
export const TOOL_CALL_TIMEOUT_MS = 120_000;

export interface McpHost {
  call(server: string, tool: string, args: Record<string, unknown>): Promise<CallToolResult>;
  listTools(server: string): Promise<{ name: string; description?: string | undefined }[]>;
  close(): Promise<void>;
}

export async function createMcpHost(
  servers: Readonly<Record<string, McpServer>>,
  timeoutMs = TOOL_CALL_TIMEOUT_MS,
): Promise<McpHost> {
  const clients = new Map<string, Client>();
  for (const [name, server] of Object.entries(servers)) {
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await server.connect(serverTransport);
    const client = new Client({ name: "ai-employee-executor", version: SERVER_VERSION });
    await client.connect(clientTransport);
    clients.set(name, client);
  }
  function client(name: string): Client {
    const found = clients.get(name);
    if (!found) throw new Error(`no MCP server named "${name}" (known: ${[...clients.keys()].join(", ")})`);
    return found;
  }
  return {
    async call(server, tool, args) {
      return (await client(server).callTool({ name: tool, arguments: args }, undefined, {
        timeout: timeoutMs,
      })) as CallToolResult;
    },
    async listTools(server) {
      return (await client(server).listTools()).tools;
    },
    async close() {
      for (const [name, found] of clients) {
        await found.close();
        await servers[name]?.close();
      }
    },
  };
}
