/**
 * @module The email MCP server's tools, as an explicit list. The runtime gives each account its sender
 * (SMTP, Gmail, or the Outbox in a dry run) and its reader; the tools never branch on dry run.
 */
import type { ToolDefinition } from "../tool-definition.js";
import { createDraftEmailTool } from "./draft-email-tool.js";
import type { EmailToolAccount } from "./email-tool-account.js";
import { createReadEmailTool } from "./read-email-tool.js";
import { createReplyEmailTool } from "./reply-email-tool.js";
import { createSearchEmailTool } from "./search-email-tool.js";
import { createSendEmailTool } from "./send-email-tool.js";

export interface EmailToolsDeps {
  /** At least one; the first is the default when a call names none. */
  accounts: readonly EmailToolAccount[];
}

export function createEmailTools(deps: EmailToolsDeps): ToolDefinition[] {
  if (deps.accounts.length === 0)
    throw new Error("createEmailTools needs at least one account (an Outbox one in a dry run)");
  return [
    createSearchEmailTool(deps),
    createReadEmailTool(deps),
    createDraftEmailTool(deps),
    createSendEmailTool(deps),
    createReplyEmailTool(deps),
  ];
}
