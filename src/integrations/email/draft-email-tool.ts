/**
 * @module `draft_email`: a real draft in the person's mailbox (IMAP Drafts with \Draft, or Gmail
 * drafts) for them to review and send themselves — the draft-only mode of a cloud instance. A write
 * tool like sending, since it writes into the mailbox, but nothing leaves it.
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

export function createDraftEmailTool(deps: { accounts: readonly EmailToolAccount[] }): ToolDefinition {
  return defineTool({
    name: "draft_email",
    title: "Save an email draft",
    description:
      "Saves an email as a draft in the mailbox, where the person reviews, edits and sends it from their own mail client. " +
      "Nothing is sent. For an answer, give in_reply_to (and references, thread_id) from the task note so the draft is " +
      "threaded. Prefer this over send_email when the person should have the last word.",
    input: z.object({
      ...messageFields(deps.accounts),
      in_reply_to: messageId.optional().describe("The Message-ID being answered, when the draft is a reply."),
      references: z
        .array(messageId)
        .max(100)
        .optional()
        .describe("The References of the email being answered."),
      thread_id: z
        .string()
        .max(200)
        .optional()
        .describe("The thread id from the task note (Gmail), when there is one."),
    }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    effect: "write",
    facts: (input) => emailFacts("Draft email", input),
    async run(input, signal) {
      const account = pickAccount(deps.accounts, input.account);
      const thread = input.in_reply_to
        ? {
            thread: {
              inReplyTo: input.in_reply_to,
              ...(input.references ? { references: input.references } : {}),
              ...(input.thread_id && !input.thread_id.startsWith("<") ? { threadId: input.thread_id } : {}),
            },
          }
        : {};
      const delivery = await account.sender.draft({ ...outgoing(input), ...thread }, signal);
      return deliveryResult("draft", account, input.subject, delivery);
    },
  });
}
