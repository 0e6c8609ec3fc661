/**
 * @module One configured account wired from its settings: its watcher (Gmail API, or IMAP with IDLE),
 * its reader, and its sender — the real one, or the Outbox one when DRY_RUN is on or the account has no
 * way to send. The runtime calls this once per account from `readEmailAccounts` and hands `toolAccount`
 * to `createEmailTools`.
 *
 * @example
 * const accounts = readEmailAccounts(process.env).flatMap((entry) => entry.status === "configured" ? [entry.config] : []);
 * const wired = accounts.map((account) => createEmailAccount(account, { stateStore, sink, outbox, vaultRoot, now, fetch, dryRun }));
 * const tools = createEmailTools({ accounts: wired.map((entry) => entry.toolAccount) });
 */
import type { Outbox } from "../../vault/outbox.js";
import type { StateStore } from "../../vault/state-store.js";
import type { TaskSink } from "../inbound-item.js";
import type { Watcher } from "../watcher.js";
import type { EmailAccount } from "./email-account-config.js";
import { emailLimits } from "./email-limits.js";
import type { EmailReader } from "./email-reader.js";
import type { EmailSender } from "./email-sender.js";
import type { EmailToolAccount } from "./email-tool-account.js";
import { createGmailClient } from "./gmail-client.js";
import { createGmailEmailReader } from "./gmail-email-reader.js";
import { createGmailEmailSender } from "./gmail-email-sender.js";
import { createGmailWatcher } from "./gmail-watcher.js";
import { createImapDraftSaver } from "./imap-draft-saver.js";
import { createImapEmailReader } from "./imap-email-reader.js";
import { createImapWatcher } from "./imap-watcher.js";
import { createOutboxEmailSender } from "./outbox-email-sender.js";
import { createSmtpEmailSender } from "./smtp-email-sender.js";

export interface EmailAccountDeps {
  stateStore: StateStore;
  sink: TaskSink;
  outbox: Outbox;
  /** Absolute path of the vault: attachments are read from inside it only. */
  vaultRoot: string;
  now: () => Date;
  fetch: typeof fetch;
  /** Render outward actions to the Outbox instead of sending them. */
  dryRun: boolean;
}

export interface WiredEmailAccount {
  name: string;
  domain: "personal" | "business";
  /** Undefined for a send-only (SMTP) account. */
  watcher: Watcher | undefined;
  reader: EmailReader | undefined;
  sender: EmailSender;
  toolAccount: EmailToolAccount;
  close(): Promise<void>;
}

export function createEmailAccount(account: EmailAccount, deps: EmailAccountDeps): WiredEmailAccount {
  const limits = emailLimits(account.maxAttachmentBytes);
  const common = { account: { name: account.name, domain: account.domain }, limits, now: deps.now };
  const rendering = {
    vaultRoot: deps.vaultRoot,
    maxAttachmentBytes: account.maxAttachmentBytes,
    now: deps.now,
  };
  let watcher: Watcher | undefined;
  let reader: EmailReader | undefined;
  let real: EmailSender | undefined;

  if (account.gmail) {
    const client = createGmailClient({ settings: account.gmail, fetch: deps.fetch, now: deps.now });
    watcher = createGmailWatcher({
      ...common,
      client,
      query: account.gmail.query,
      initialSyncDays: account.initialSyncDays,
      pollSeconds: account.pollSeconds,
      stateStore: deps.stateStore,
      sink: deps.sink,
    });
    reader = createGmailEmailReader({ ...common, client });
    real = createGmailEmailSender({ ...rendering, client, from: account.address });
  } else {
    if (account.imap) {
      watcher = createImapWatcher({
        ...common,
        imap: account.imap,
        initialSyncDays: account.initialSyncDays,
        pollSeconds: account.pollSeconds,
        stateStore: deps.stateStore,
        sink: deps.sink,
      });
      reader = createImapEmailReader({ ...common, imap: account.imap });
    }
    if (account.smtp && account.address) {
      real = createSmtpEmailSender({
        ...rendering,
        smtp: account.smtp,
        from: account.address,
        drafts: account.imap
          ? createImapDraftSaver({ imap: account.imap, maxMessageBytes: limits.maxMessageBytes })
          : undefined,
      });
    }
  }

  const sender =
    deps.dryRun || !real
      ? createOutboxEmailSender({ ...rendering, outbox: deps.outbox, from: account.address })
      : real;
  return {
    name: account.name,
    domain: account.domain,
    watcher,
    reader,
    sender,
    toolAccount: { name: account.name, domain: account.domain, address: account.address, sender, reader },
    async close() {
      await watcher?.close?.();
      await reader?.close?.();
      await real?.close?.();
    },
  };
}

/** The tools' account when no email is configured at all: every action renders to the Outbox. */
export function createOutboxOnlyEmailAccount(
  deps: Pick<EmailAccountDeps, "outbox" | "vaultRoot" | "now"> & { maxAttachmentBytes: number },
): EmailToolAccount {
  return {
    name: "business",
    domain: "business",
    address: undefined,
    sender: createOutboxEmailSender({ ...deps, from: undefined }),
    reader: undefined,
  };
}
