/**
 * @module The dry-run adapter: the exact message a send, reply or draft would produce, rendered as an
 * `.eml` file in the vault's `Outbox/`. No network. Bcc is kept in the file so a person reviewing it
 * sees every recipient.
 */
import { slug } from "../../vault/safe-name.js";
import type { Outbox } from "../../vault/outbox.js";
import type { EmailSender } from "./email-sender.js";
import { createMessageRenderer, type MessageRendererDeps } from "./message-renderer.js";

/** Used as From when the account is not configured at all, so a dry run still renders a whole message. */
export const PLACEHOLDER_FROM = "ai-employee@localhost.invalid";

export function createOutboxEmailSender(
  deps: Omit<MessageRendererDeps, "from"> & { outbox: Outbox; from: string | undefined },
): EmailSender {
  const render = createMessageRenderer({ ...deps, from: deps.from ?? PLACEHOLDER_FROM });
  const write = async (kind: string, email: Parameters<typeof render>[0]) => {
    const composed = await render(email, { keepBcc: true });
    const outboxPath = await deps.outbox.write(`${kind}_${slug(composed.subject)}.eml`, composed.raw);
    return {
      messageId: composed.messageId,
      recipients: composed.recipients,
      dryRun: true,
      outboxPath,
      ...(email.thread?.threadId ? { threadId: email.thread.threadId } : {}),
    };
  };
  return {
    send: (email) => write("email", email),
    reply: (email) => write("reply", email),
    draft: (email) => write("draft", email),
  };
}
