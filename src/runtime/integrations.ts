/**
 * @module Which adapter each integration uses, from its settings: the real client when it is configured
 * and DRY_RUN is off, the Outbox (or the vault's books) otherwise. An integration with incomplete
 * settings is disabled with one warning line and never stops start-up.
 */
import path from "node:path";
import type { AuditLog } from "../governance/audit-log.js";
import type { HandbookReading } from "../governance/handbook.js";
import type { TaskSink } from "../integrations/inbound-item.js";
import type { Environment, IntegrationConfig } from "../integrations/integration-config.js";
import type { ToolDefinition } from "../integrations/tool-definition.js";
import type { Watcher } from "../integrations/watcher.js";
import {
  createEmailAccount,
  createOutboxOnlyEmailAccount,
  type WiredEmailAccount,
} from "../integrations/email/create-email-account.js";
import { createEmailTools } from "../integrations/email/create-email-tools.js";
import {
  DEFAULT_MAX_ATTACHMENT_BYTES,
  readEmailAccounts,
} from "../integrations/email/email-account-config.js";
import { createDropFolderWatcher } from "../integrations/files/drop-folder-watcher.js";
import {
  DEFAULT_CHROMIUM_PATH,
  DEFAULT_IDLE_SECONDS,
  readBrowserConfig,
} from "../integrations/browser/browser-config.js";
import { createChromiumSession } from "../integrations/browser/chromium-session.js";
import { createBrowserTools } from "../integrations/browser/create-browser-tools.js";
import { createOutboxBrowserSession } from "../integrations/browser/outbox-browser-session.js";
import type { Books } from "../integrations/odoo/books.js";
import { createFinanceWatcher } from "../integrations/odoo/finance-watcher.js";
import { createOdooBooks } from "../integrations/odoo/odoo-books.js";
import { createOdooClient } from "../integrations/odoo/odoo-client.js";
import { readOdooConfig } from "../integrations/odoo/odoo-config.js";
import { createOdooTools } from "../integrations/odoo/odoo-tools.js";
import { createVaultBooks } from "../integrations/odoo/vault-books.js";
import { createChatRecord } from "../integrations/whatsapp/chat-record.js";
import { createCloudApiChannel } from "../integrations/whatsapp/cloud-api-channel.js";
import { createMessageStatuses } from "../integrations/whatsapp/message-statuses.js";
import { createOutboxWhatsAppChannel } from "../integrations/whatsapp/outbox-whatsapp-channel.js";
import { readWhatsAppConfig } from "../integrations/whatsapp/whatsapp-config.js";
import { createWhatsAppTools } from "../integrations/whatsapp/whatsapp-tools.js";
import { createWhatsAppWatcher } from "../integrations/whatsapp/whatsapp-watcher.js";
import { createWhatsAppWebhook } from "../integrations/whatsapp/whatsapp-webhook.js";
import { createLinkedInIntegration } from "../integrations/linkedin/linkedin-integration.js";
import { readLinkedInConfig } from "../integrations/linkedin/linkedin-config.js";
import { readFacebookConfig, readInstagramConfig } from "../integrations/meta/meta-config.js";
import { createMetaIntegration } from "../integrations/meta/meta-integration.js";
import { createSocialSummaryTool, type WeeklyMetricsSource } from "../integrations/social-summary-tool.js";
import { createFileXTokenStore } from "../integrations/x/file-x-token-store.js";
import { readXConfig } from "../integrations/x/x-config.js";
import { createXIntegration } from "../integrations/x/x-integration.js";
import type { ServerName } from "../mcp/server-names.js";
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../vault/atomic-write.js";
import { BUSINESS_GOALS_FILE } from "../vault/folders.js";
import { parseList, section } from "../vault/markdown-table.js";
import type { NoteStore } from "../vault/note-store.js";
import type { Outbox } from "../vault/outbox.js";
import type { StateStore } from "../vault/state-store.js";
import type { EmployeeConfig } from "./employee-config.js";
import type { Health } from "./health.js";

export interface IntegrationDeps {
  /** Filled with the names of configured integrations. */
  configured: string[];
  env: Environment;
  config: EmployeeConfig;
  vaultRoot: string;
  store: NoteStore;
  state: StateStore;
  outbox: Outbox;
  sink: TaskSink;
  audit: AuditLog;
  health: Health;
  handbook(): Promise<HandbookReading>;
  /** Where OAuth tokens an integration renews are kept: outside the vault, mode 0600. */
  secretsDirectory: string;
  now(): Date;
  say(line: string): void;
}

export interface Integrations {
  tools: Record<ServerName, ToolDefinition[]>;
  watchers: Watcher[];
  /** Addresses the owner has written to (sent history): known contacts beside the Handbook's. */
  knownRecipients: Set<string>;
  /** The owner's own addresses and numbers: trusted values. */
  ownAddresses: string[];
  /** The books in use: Odoo when configured and live, the vault's own otherwise. */
  books: Books;
  /** The configured networks' weekly figures, for `social_summary` and the briefing. */
  socialSources: WeeklyMetricsSource[];
  /** Integrations that hold credentials, for the monthly rotation reminder. */
  configured: string[];
  close(): Promise<void>;
}

/** Logs the one warning line for incomplete settings; true when the integration is configured. */
function usable<T>(
  name: string,
  reading: IntegrationConfig<T>,
  deps: IntegrationDeps,
): reading is { status: "configured"; config: T } {
  if (reading.status === "incomplete") {
    deps.say(`warning: ${name} is disabled: set ${reading.missing.join(", ")} (see README, Configuration)`);
    deps.health.set(name, "disabled", `incomplete settings: ${reading.missing.join(", ")}`);
  } else if (reading.status === "absent") {
    deps.health.set(name, "disabled", "not configured: runs as a dry run (Outbox/, or the vault's books)");
  }
  if (reading.status === "configured") deps.configured.push(name);
  return reading.status === "configured";
}

function live(name: string, deps: IntegrationDeps): boolean {
  if (deps.config.dryRun) {
    deps.health.set(name, "ok", "configured; DRY_RUN is on, so actions go to Outbox/");
    return false;
  }
  deps.health.set(name, "ok", "configured and live");
  return true;
}

/** Business_Goals.md's "Cost increased more than 20%" as 0.2; 20% when the rule is missing. */
function priceIncreaseRule(goals: string): number {
  const rule = parseList(section(goals, "Subscription Audit") ?? "").find((item) => /cost|price/i.test(item));
  const percent = rule === undefined ? undefined : /(\d+(?:\.\d+)?)\s*%/.exec(rule)?.[1];
  return percent === undefined ? 0.2 : Number(percent) / 100;
}

export async function buildIntegrations(deps: IntegrationDeps): Promise<Integrations> {
  const { env, vaultRoot, now } = deps;
  const watchers: Watcher[] = [];
  const closers: (() => Promise<void>)[] = [];
  const onWatcherError = (name: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    deps.health.failure(name, message);
  };

  watchers.push(
    createDropFolderWatcher({
      vaultRoot,
      sink: deps.sink,
      now,
      onError: (error) => onWatcherError("files")(error),
    }),
  );
  deps.health.set("files", "ok", "watching Inbox/");

  // Email: every configured account watches and sends; with none, the tools render to the Outbox.
  const emailAccounts: WiredEmailAccount[] = [];
  readEmailAccounts(env).forEach((reading, index) => {
    const name = index === 0 ? "email" : `email_${index + 1}`;
    if (!usable(name, reading, deps)) return;
    live(name, deps);
    const wired = createEmailAccount(reading.config, {
      stateStore: deps.state,
      sink: deps.sink,
      outbox: deps.outbox,
      vaultRoot,
      now,
      fetch,
      dryRun: deps.config.dryRun,
    });
    emailAccounts.push(wired);
    if (wired.watcher) watchers.push(wired.watcher);
    closers.push(() => wired.close());
  });
  const emailTools = createEmailTools({
    accounts:
      emailAccounts.length > 0
        ? emailAccounts.map((account) => account.toolAccount)
        : [
            createOutboxOnlyEmailAccount({
              outbox: deps.outbox,
              vaultRoot,
              now,
              maxAttachmentBytes: DEFAULT_MAX_ATTACHMENT_BYTES,
            }),
          ],
  });
  const knownRecipients = new Set<string>();
  const ownAddresses = emailAccounts.flatMap((account) =>
    account.toolAccount.address ? [account.toolAccount.address.toLowerCase()] : [],
  );
  for (const account of emailAccounts) {
    // Known contacts from the sent history; a mailbox that cannot be read now only costs auto-approval.
    const recipients = await account.reader?.sentRecipients().catch((error: unknown) => {
      deps.health.failure(account.name, error instanceof Error ? error.message : String(error));
      return [];
    });
    for (const recipient of recipients ?? []) knownRecipients.add(recipient);
  }

  // WhatsApp: the webhook needs its secrets even in a dry run (it only receives).
  const whatsappReading = readWhatsAppConfig(env);
  const chats = createChatRecord(deps.state);
  const statuses = createMessageStatuses(deps.state, now);
  let channel = createOutboxWhatsAppChannel({ outbox: deps.outbox, chats, now });
  if (usable("whatsapp", whatsappReading, deps)) {
    const config = whatsappReading.config;
    if (live("whatsapp", deps)) channel = createCloudApiChannel({ config, chats, now });
    const webhook = createWhatsAppWebhook({
      config,
      sink: deps.sink,
      state: deps.state,
      now,
      onRejected: (rejection) =>
        void deps.audit.append({
          action_type: "webhook_rejected",
          actor: "whatsapp",
          target: null,
          result: "refused",
          error: JSON.stringify(rejection),
        }),
      onError: onWatcherError("whatsapp"),
    });
    watchers.push(
      createWhatsAppWatcher({ webhook, port: config.webhookPort, hostname: deps.config.webhookHost }),
    );
  }

  const odooReading = readOdooConfig(env);
  let books = createVaultBooks(vaultRoot, now);
  if (usable("odoo", odooReading, deps) && live("odoo", deps))
    books = createOdooBooks(createOdooClient({ config: odooReading.config }), now);
  const company = { name: deps.config.company };
  watchers.push(
    createFinanceWatcher({
      books,
      vaultRoot,
      state: deps.state,
      sink: deps.sink,
      now,
      currency: deps.config.currency,
      priceIncreaseThreshold: async () =>
        priceIncreaseRule(await readFile(path.join(vaultRoot, BUSINESS_GOALS_FILE), "utf8").catch(() => "")),
    }),
  );

  const browserReading = readBrowserConfig(env);
  const saveScreenshot = async (png: Buffer) => {
    const relative = `Attachments/screenshots/${now().toISOString().replace(/[:.]/g, "-")}.png`;
    await writeFileAtomic(path.join(vaultRoot, relative), png);
    return relative;
  };
  const allowedHosts = async () => (await deps.handbook()).handbook.paymentPortals;
  // Without Chromium the tools still exist: reads say how to install it, a dry-run submit still renders.
  const browserConfig = usable("browser", browserReading, deps)
    ? browserReading.config
    : { chromiumPath: DEFAULT_CHROMIUM_PATH, idleTimeoutMs: DEFAULT_IDLE_SECONDS * 1000 };
  const session = createChromiumSession({ ...browserConfig, allowedHosts });
  closers.push(() => session.close());
  const browserTools = createBrowserTools({
    session: deps.config.dryRun
      ? createOutboxBrowserSession({ session, outbox: deps.outbox, allowedHosts, now })
      : session,
    saveScreenshot,
  });
  if (browserReading.status === "configured") live("browser", deps);

  // Social networks: each posts for real only when configured and DRY_RUN is off.
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const xReading = readXConfig(env);
  const x = createXIntegration({
    config: usable("x", xReading, deps) ? xReading.config : undefined,
    dryRun: deps.config.dryRun,
    vaultRoot,
    outbox: deps.outbox,
    tokenStore: createFileXTokenStore(deps.secretsDirectory),
    state: deps.state,
    sink: deps.sink,
    now,
    sleep,
  });
  if (xReading.status === "configured") live("x", deps);
  if (x.watcher) watchers.push(x.watcher);
  const facebookReading = readFacebookConfig(env);
  const instagramReading = readInstagramConfig(env);
  const meta = createMetaIntegration({
    facebook: usable("facebook", facebookReading, deps) ? facebookReading.config : undefined,
    instagram: usable("instagram", instagramReading, deps) ? instagramReading.config : undefined,
    dryRun: deps.config.dryRun,
    outbox: deps.outbox,
    state: deps.state,
    fetch,
    now,
    sleep,
  });
  if (facebookReading.status === "configured") live("facebook", deps);
  if (instagramReading.status === "configured") live("instagram", deps);
  const linkedinReading = readLinkedInConfig(env);
  const linkedin = createLinkedInIntegration({
    config: usable("linkedin", linkedinReading, deps) ? linkedinReading.config : undefined,
    dryRun: deps.config.dryRun,
    outbox: deps.outbox,
    fetch,
    now,
  });
  if (linkedinReading.status === "configured") live("linkedin", deps);
  const socialSources = [
    x.fetchWeeklyMetrics,
    meta.fetchFacebookWeeklyMetrics,
    meta.fetchInstagramWeeklyMetrics,
    linkedin.fetchWeeklyMetrics,
  ].filter((source): source is WeeklyMetricsSource => source !== undefined);

  return {
    books,
    socialSources,
    tools: {
      email: emailTools,
      whatsapp: createWhatsAppTools({ channel, statuses, vaultRoot }),
      social: [...x.tools, ...meta.tools, ...linkedin.tools, createSocialSummaryTool(socialSources)],
      odoo: createOdooTools({ books, vaultRoot, company, now, dryRun: deps.config.dryRun }),
      browser: browserTools,
    },
    watchers,
    knownRecipients,
    ownAddresses,
    configured: deps.configured,
    async close() {
      for (const watcher of watchers) await watcher.close?.();
      for (const close of closers) await close();
    },
  };
}
