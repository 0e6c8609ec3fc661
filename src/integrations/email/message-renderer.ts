/**
 * @module What every sender adapter shares: attachments read from the vault within the limit, a fresh
 * Message-ID on the sender's domain, the clock's date, and the bytes composed once.
 */
import { randomUUID } from "node:crypto";
import { composeEmail, newMessageId, type ComposedEmail } from "./compose-email.js";
import type { EmailThreading, OutgoingEmail } from "./email-sender.js";
import { loadAttachments } from "./vault-attachments.js";

export interface MessageRendererDeps {
  /** The From address (may include a display name: `Ana <ana@example.com>`). */
  from: string;
  /** Vault root for attachments given as vault-relative paths. */
  vaultRoot: string | undefined;
  maxAttachmentBytes: number;
  now: () => Date;
  randomId?: () => string;
}

export type MessageRenderer = (
  email: OutgoingEmail & { thread?: EmailThreading | undefined },
  options: { keepBcc: boolean },
) => Promise<ComposedEmail>;

export function createMessageRenderer(deps: MessageRendererDeps): MessageRenderer {
  const randomId = deps.randomId ?? randomUUID;
  return async (email, options) => {
    const attachments = await loadAttachments(email.attachments ?? [], {
      vaultRoot: deps.vaultRoot,
      maxBytes: deps.maxAttachmentBytes,
    });
    return composeEmail(email, {
      from: deps.from,
      messageId: newMessageId(deps.from, randomId),
      date: deps.now(),
      attachments,
      keepBcc: options.keepBcc,
    });
  };
}
