/**
 * @module The five servers of the action layer (email, WhatsApp, social, Odoo, browser), each composed
 * from its integrations' tools by an explicit list.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolDefinition } from "../integrations/tool-definition.js";
import { createToolServer, type ToolServerDeps } from "./create-tool-server.js";
import type { ServerName } from "./server-names.js";

export function createToolServers(
  tools: Readonly<Record<ServerName, readonly ToolDefinition[]>>,
  deps: ToolServerDeps,
): Record<ServerName, McpServer> {
  return {
    email: createToolServer("email", tools.email, deps),
    whatsapp: createToolServer("whatsapp", tools.whatsapp, deps),
    social: createToolServer("social", tools.social, deps),
    odoo: createToolServer("odoo", tools.odoo, deps),
    browser: createToolServer("browser", tools.browser, deps),
  };
}
