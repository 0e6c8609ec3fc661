/**
 * @module `send_email`: a new message from one of the employee's mailboxes. A write tool: it runs only
 * with an approval, and the policy decides on its facts (recipients, count, links).
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../tool-definition.js";
import {
  deliveryResult,
  emailFacts,
  messageFields,
  outgoing,
  pickAccount,
  type EmailToolAccount,
} from "./email-tool-account.js";

export function createSendEmailTool(deps: { accounts: readonly EmailToolAccount[] }): ToolDefinition {
  return defineTool({
    name: "send_email",
    title: "Send an email",
    description:
      "Sends a new email (not an answer to one: use reply_email to answer, so the message stays in its conversation). " +
      "Give the recipients, a subject, a plain-text body and optionally vault files to attach, such as an invoice PDF. " +
      "Needs a person's approval before it runs; write only what the task and the Handbook support.",
    input: z.object(messageFields(deps.accounts)),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    effect: "write",
    facts: (input) => emailFacts("Email", input),
    async run(input, signal) {
      const account = pickAccount(deps.accounts, input.account);
      const delivery = await account.sender.send(outgoing(input), signal);
      return deliveryResult("email", account, input.subject, delivery);
    },
  });
}
