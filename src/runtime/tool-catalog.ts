/**
 * @module The tools the employee's servers offer, by server: how the orchestrator checks a proposal
 * against a tool's schema and facts, and which tools a reasoner is offered for a task.
 */
import { z } from "zod";
import type { ToolDefinition } from "../integrations/tool-definition.js";
import type { ToolOffer } from "../reasoning/reasoner.js";
import type { ServerName } from "../mcp/server-names.js";
import type { TaskType } from "../vault/task-type.js";

export interface ToolCatalog {
  readonly servers: Readonly<Record<ServerName, readonly ToolDefinition[]>>;
  find(server: string, tool: string): ToolDefinition | undefined;
  /** Side-effecting tools that fit a task of this type: the model is offered nothing else. */
  offersFor(type: TaskType, triage: string | undefined): ToolOffer[];
}

/** Which servers' actions fit which kind of task. */
const FIT: Record<TaskType, readonly ServerName[]> = {
  email: ["email", "odoo"],
  whatsapp_message: ["whatsapp", "odoo"],
  file_drop: ["odoo"],
  x_mention: ["social"],
  finance_event: ["odoo", "email"],
  social_draft: ["social"],
  alert: [],
};

export function createToolCatalog(servers: Record<ServerName, readonly ToolDefinition[]>): ToolCatalog {
  // Each server's offers are described once: a JSON Schema per tool per task would cost every task.
  const offers = new Map<ServerName, ToolOffer[]>();
  const offersOf = (server: ServerName): ToolOffer[] => {
    let list = offers.get(server);
    if (!list) {
      list = servers[server]
        .filter((tool) => tool.effect === "write")
        .map((tool) => ({
          server,
          name: tool.name,
          description: tool.description,
          inputSchema: z.toJSONSchema(tool.input, { unrepresentable: "any", io: "input" }),
        }));
      offers.set(server, list);
    }
    return list;
  };
  return {
    servers,
    find(server, tool) {
      return servers[server as ServerName]?.find((definition) => definition.name === tool);
    },
    offersFor(type, triage) {
      const fit = type === "file_drop" && triage === "message" ? (["email", "odoo"] as const) : FIT[type];
      return fit.flatMap(offersOf);
    },
  };
}
