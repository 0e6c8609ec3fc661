/**
 * @module `reply_email`: an answer within an existing conversation. The recipients are explicit in the
 * call (the policy sees who receives it), and the threading comes from the task note (message_id,
 * references, thread): `Re:` subject, In-Reply-To, References, and the same Gmail thread.
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

const messageId = z
  .string()
  .regex(/^<[^<>\s]+>$/, "a Message-ID in angle brackets, e.g. <abc@mail.example.com>");

export function createReplyEmailTool(deps: { accounts: readonly EmailToolAccount[] }): ToolDefinition {
  return defineTool({
    name: "reply_email",
    title: "Reply to an email",
    description:
      "Replies to an email so the answer lands in the same conversation. Take in_reply_to (message_id), references and " +
      "thread_id from the task note or read_email; `to` is normally the original sender (or its Reply-To). The subject " +
      'is the original subject; "Re:" is added when missing. Needs a person\'s approval before it runs.',
    input: z.object({
      ...messageFields(deps.accounts),
      in_reply_to: messageId.describe(
        "The Message-ID of the email being answered (message_id in the task note).",
      ),
      references: z
        .array(messageId)
        .max(100)
        .optional()
        .describe("The References of the email being answered, oldest first."),
      thread_id: z
        .string()
        .max(200)
        .optional()
        .describe("The thread id from the task note (Gmail), when there is one."),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    effect: "write",
    facts: (input) => emailFacts("Reply", input),
    async run(input, signal) {
      const account = pickAccount(deps.accounts, input.account);
      const thread = {
        inReplyTo: input.in_reply_to,
        ...(input.references ? { references: input.references } : {}),
        // A thread value that is a Message-ID is IMAP's conversation root, not a provider thread id.
        ...(input.thread_id && !input.thread_id.startsWith("<") ? { threadId: input.thread_id } : {}),
      };
      const delivery = await account.sender.reply({ ...outgoing(input), thread }, signal);
      return deliveryResult("reply", account, input.subject, delivery);
    },
  });
}
