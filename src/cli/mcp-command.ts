import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { fileURLToPath } from "node:url";
import { isServerName, SERVER_NAMES } from "../mcp/server-names.js";
import { CliError, EXIT, vaultFrom, type CliContext } from "./cli-context.js";
import { openEmployee } from "./open-employee.js";

/** `ai-employee mcp <server>`: one server of the action layer on stdio, for any MCP client. */
export async function mcpCommand(
  context: CliContext,
  name: string,
  options: { vault?: string },
  signal: AbortSignal,
): Promise<void> {
  if (!isServerName(name))
    throw new CliError(`unknown server "${name}": use one of ${SERVER_NAMES.join(", ")}`, EXIT.usage);
  const { employee } = await openEmployee(context, options);
  const server = await employee.mcpServer(name);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await server.connect(transport);
  context.err(`ai-employee ${name} MCP server ready on stdio (vault ${vaultFrom(context, options.vault)})`);
  await closed;
  await server.close();
  await employee.close();
}

/**
 * `ai-employee mcp-config`: the `mcpServers` JSON for Claude Code, Qwen Code or Claude Desktop. The
 * servers run with the Node flags this command runs with (its bounded heap, decision 0008).
 */
export function mcpConfigCommand(context: CliContext, options: { vault?: string }): void {
  const root = vaultFrom(context, options.vault);
  const cli = fileURLToPath(new URL("./main.js", import.meta.url));
  const mcpServers = Object.fromEntries(
    SERVER_NAMES.map((name) => [
      `ai-employee-${name}`,
      { command: process.execPath, args: [...process.execArgv, cli, "mcp", name, "--vault", root] },
    ]),
  );
  context.out(JSON.stringify({ mcpServers }, null, 2));
}
