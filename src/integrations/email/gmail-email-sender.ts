/**
 * @module Sending with the Gmail API: the composed message goes as raw RFC 2822 (base64url) to
 * messages.send, a reply with the conversation's threadId (Gmail threads it when In-Reply-To,
 * References and the subject agree), a draft to drafts.create. When EMAIL_ADDRESS is not set the From
 * address is the authorized account's own, read once from the profile. The Bcc header stays in the
 * raw message: Gmail has no separate envelope, it delivers to Bcc and strips the header itself.
 */
import type { EmailSender } from "./email-sender.js";
import type { GmailClient } from "./gmail-client.js";
import { createMessageRenderer, type MessageRenderer, type MessageRendererDeps } from "./message-renderer.js";

export function createGmailEmailSender(
  deps: Omit<MessageRendererDeps, "from"> & { client: GmailClient; from: string | undefined },
): EmailSender {
  let renderer: MessageRenderer | undefined;
  async function render(...args: Parameters<MessageRenderer>) {
    renderer ??= createMessageRenderer({
      ...deps,
      from: deps.from ?? (await deps.client.getProfile()).emailAddress,
    });
    return renderer(...args);
  }

  return {
    async send(email, signal) {
      const composed = await render(email, { keepBcc: true });
      const sent = await deps.client.sendMessage({ raw: composed.raw }, signal);
      return {
        messageId: composed.messageId,
        threadId: sent.threadId,
        recipients: composed.recipients,
        dryRun: false,
      };
    },
    async reply(email, signal) {
      const composed = await render(email, { keepBcc: true });
      const sent = await deps.client.sendMessage(
        { raw: composed.raw, ...(email.thread.threadId ? { threadId: email.thread.threadId } : {}) },
        signal,
      );
      return {
        messageId: composed.messageId,
        threadId: sent.threadId,
        recipients: composed.recipients,
        dryRun: false,
      };
    },
    async draft(email, signal) {
      const composed = await render(email, { keepBcc: true });
      const draft = await deps.client.createDraft(
        { raw: composed.raw, ...(email.thread?.threadId ? { threadId: email.thread.threadId } : {}) },
        signal,
      );
      return {
        messageId: composed.messageId,
        threadId: draft.message.threadId,
        draftId: draft.id,
        recipients: composed.recipients,
        dryRun: false,
      };
    },
  };
}
