/**
 * @module A real draft over IMAP: the rendered message APPENDed to the account's Drafts folder with the
 * \Draft flag, where the person's own mail client shows it ready to review and send. The draft-only mode
 * a cloud instance runs in.
 */
import { closeImap, connectImap, createImapClient, imapError } from "./imap-client.js";
import type { ImapSettings } from "./email-account-config.js";

export type DraftSaver = (raw: Buffer) => Promise<{ mailbox: string; uid: number | undefined }>;

const FALLBACK_DRAFTS = "Drafts";

export function createImapDraftSaver(deps: { imap: ImapSettings; maxMessageBytes: number }): DraftSaver {
  return async (raw) => {
    const client = await createImapClient(deps.imap, { maxMessageBytes: deps.maxMessageBytes });
    await connectImap(client, deps.imap);
    try {
      const folders = await client.list();
      const drafts = folders.find((folder) => folder.specialUse === "\\Drafts")?.path ?? FALLBACK_DRAFTS;
      if (!folders.some((folder) => folder.path === drafts)) await client.mailboxCreate(drafts);
      const appended = await client.append(drafts, raw, ["\\Draft", "\\Seen"]);
      return { mailbox: drafts, uid: appended ? appended.uid : undefined };
    } catch (error) {
      throw imapError(error, deps.imap, "saving a draft");
    } finally {
      await closeImap(client);
    }
  };
}
