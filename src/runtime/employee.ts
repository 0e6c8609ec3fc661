/**
 * @module The composition root: builds every part of the employee from the configuration, with explicit
 * dependencies, and exposes what the CLI needs (one pass, the daemon, status, decisions).
 */
import path from "node:path";
import { createApprovalDesk, type ApprovalDesk } from "../governance/approval-desk.js";
import { createApprovalRegistry } from "../governance/approval-registry.js";
import { createAuditLog, type AuditLog } from "../governance/audit-log.js";
import { createExecutionLedger } from "../governance/execution-ledger.js";
import { findContact, type HandbookReading } from "../governance/handbook.js";
import { createRateLimiter } from "../governance/rate-limiter.js";
import { createRedactor, type Redactor } from "../governance/redact.js";
import type { Environment } from "../integrations/integration-config.js";
import type { Watcher } from "../integrations/watcher.js";
import { createApprovalGate } from "../mcp/approval-gate.js";
import type { McpHost } from "../mcp/mcp-host.js";
import type { ServerName } from "../mcp/server-names.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { TrustedValues } from "../reasoning/provenance.js";
import type { Rate } from "../reasoning/reasoner.js";
import { writeAlert } from "../vault/alerts.js";
import { INTERNAL_FOLDER, RATES_FILE } from "../vault/folders.js";
import { createNoteStore, type NoteStore, type StoredNote } from "../vault/note-store.js";
import { createOutbox } from "../vault/outbox.js";
import { createSeenIndex } from "../vault/seen-index.js";
import { createStateStore } from "../vault/state-store.js";
import { createBriefingJob } from "./briefing-job.js";
import { createSocialDraftsJob, SOCIAL_NETWORKS } from "./social-drafts-job.js";
import { createDashboardWriter, type DashboardWriter } from "./dashboard-writer.js";
import { readEmployeeConfig, type EmployeeConfig } from "./employee-config.js";
import { secretValues } from "./environment.js";
import { createExecutor } from "./executor.js";
import { createHandbookSource } from "./handbook-source.js";
import { createHealth, type Health } from "./health.js";
import { buildIntegrations, type Integrations } from "./integrations.js";
import { createOrchestrator, type PassResult } from "./orchestrator.js";
import { afterError, loopFields, loopStateOf, nextStep } from "./ralph-loop.js";
import { createReasonerFor } from "./reasoner-choice.js";
import { createSkillLibrary } from "./skill-library.js";
import { createTaskCompletion } from "./task-completion.js";
import { createQueueAssistant } from "./queue-assistant.js";
import { createTaskProcessor, type TaskOutcome } from "./task-processor.js";
import { createTaskSink } from "./task-sink.js";
import { createVaultSpool } from "./vault-spool.js";
import { createToolCatalog } from "./tool-catalog.js";
import { readFile } from "node:fs/promises";
import { parseRates } from "../integrations/odoo/parse-rates.js";

export interface EmployeeOptions {
  vaultRoot: string;
  env: Environment;
  now?: () => Date;
  offline?: boolean;
  /** Lets a second thread plan a long queue (the daemon and `run --once`; see queue-assistant.ts). */
  assistant?: boolean;
  /**
   * The audit log to write to instead of a writer of this employee's own: the second planning thread
   * writes through the main thread's, so a process has one writer and its batches never wait on each other.
   */
  audit?: AuditLog;
  /** One line for the person running the employee (warnings, what happened). */
  say(line: string): void;
}

export interface ScheduledJob {
  name: string;
  pattern: string;
  run(): Promise<void>;
}

export interface Employee {
  config: EmployeeConfig;
  store: NoteStore;
  audit: AuditLog;
  desk: ApprovalDesk;
  health: Health;
  host: McpHost;
  redactor: Redactor;
  integrations: Integrations;
  dashboard: DashboardWriter;
  watchers: readonly Watcher[];
  /** Jobs the daemon runs on a cron pattern in the configured time zone. */
  scheduledJobs: readonly ScheduledJob[];
  pass(): Promise<PassResult>;
  /** Processes the queue as it is now from its other end (the queue assistant's thread). */
  drain(): Promise<Record<TaskOutcome, number>>;
  /** Plans tasks as the watchers file them, then what is left once `filed` aborts (the queue assistant's thread). */
  follow(filed: AbortSignal): Promise<Record<TaskOutcome, number>>;
  /** While `filing` runs, a second thread plans what the watchers file (see the orchestrator's assistWhile). */
  assistWhile(filing: Promise<unknown>): Promise<void>;
  /** Writes the week's CEO briefing (the week containing `week`, default the one just ended). */
  briefing(week?: string): Promise<{ path: string; figuresMissing: string[] }>;
  /** A fresh server of the action layer, for an outside client over stdio. */
  mcpServer(name: ServerName): Promise<McpServer>;
  handbook(): Promise<HandbookReading>;
  close(): Promise<void>;
}

export async function createEmployee(options: EmployeeOptions): Promise<Employee> {
  const now = options.now ?? (() => new Date());
  const config = readEmployeeConfig(options.env, {
    vaultRoot: options.vaultRoot,
    ...(options.offline === undefined ? {} : { offline: options.offline }),
  });
  const store = createNoteStore(options.vaultRoot);
  const internal = path.join(options.vaultRoot, INTERNAL_FOLDER);
  const redactor = createRedactor(secretValues(options.env));
  const audit = options.audit ?? createAuditLog(options.vaultRoot, { now, redactor });
  const health = createHealth(options.vaultRoot, now);
  const state = createStateStore(path.join(internal, "state"));
  const ledger = createExecutionLedger(options.vaultRoot);
  const alert = async (input: {
    title: string;
    body: string;
    key: string;
    severity?: "info" | "warning" | "critical";
    source?: string;
  }) => {
    await writeAlert(store, now(), { severity: "warning", source: "employee", ...input });
  };
  const handbook = createHandbookSource(store, async (problems) => {
    await alert({
      title: "The Company Handbook could not be read",
      key: `handbook-${problems.join("|").slice(0, 200)}`,
      severity: "critical",
      body: `Until this is fixed, everything needs a person:\n\n${problems.map((problem) => `- ${problem}`).join("\n")}`,
    });
  });
  const desk = createApprovalDesk({
    store,
    registry: createApprovalRegistry(options.vaultRoot),
    ledger,
    handbook: async () => (await handbook()).handbook,
    now,
  });
  const vaultSink = createTaskSink({
    store,
    seen: createSeenIndex(path.join(internal, "seen")),
    audit,
    handbook: async () => (await handbook()).handbook,
    now,
  });
  // A vault that cannot be written keeps what the watchers collect aside, and says so where it can.
  const spool = createVaultSpool(config.spoolDirectory);
  const sink = spool.guard(vaultSink, (error) => {
    const message = `the vault cannot be written (${(error as NodeJS.ErrnoException).code ?? "error"}): arrivals are kept in ${config.spoolDirectory} until it can`;
    health.set("vault", "down", message);
    options.say(`warning: ${message}`);
  });
  const outbox = createOutbox(options.vaultRoot, now);
  const integrations = await buildIntegrations({
    configured: [],
    env: options.env,
    config,
    vaultRoot: options.vaultRoot,
    store,
    state,
    outbox,
    sink,
    audit,
    health,
    handbook,
    secretsDirectory: config.secretsDirectory,
    now,
    say: options.say,
  });
  const knownRecipients = integrations.knownRecipients;
  const isKnown = (recipient: string, reading: HandbookReading) =>
    findContact(reading.handbook, recipient) !== undefined ||
    knownRecipients.has(recipient.trim().toLowerCase());
  const gate = createApprovalGate({
    desk,
    ledger,
    audit,
    redactor,
    rateLimiter: createRateLimiter(state, now),
    handbook,
    isKnown,
    now,
    notify: (input) => alert({ ...input, source: "approval gate" }),
  });
  const catalog = createToolCatalog(integrations.tools);
  // The MCP servers and their in-memory clients are built on the first call: an employee that has nothing
  // approved to run does not load the SDK at start.
  let connected: Promise<McpHost> | undefined;
  const connect = (): Promise<McpHost> =>
    (connected ??= Promise.all([import("../mcp/mcp-host.js"), import("../mcp/tool-servers.js")]).then(
      ([hostModule, serversModule]) =>
        hostModule.createMcpHost(serversModule.createToolServers(integrations.tools, { gate, redactor })),
    ));
  const host: McpHost = {
    call: async (server, tool, args) => (await connect()).call(server, tool, args),
    listTools: async (server) => (await connect()).listTools(server),
    close: async () => {
      if (connected) await (await connected).close();
    },
  };

  let ratesRead: { at: number; rates: Promise<Rate[]> } | undefined;
  const rates = (): Promise<Rate[]> => {
    // Re-read at most once a second: a person's price change applies to the next burst of tasks.
    if (ratesRead && Date.now() - ratesRead.at < 1_000) return ratesRead.rates;
    ratesRead = {
      at: Date.now(),
      rates: readFile(store.absolute(RATES_FILE), "utf8").then(parseRates, () => parseRates("")),
    };
    return ratesRead.rates;
  };
  const trusted = async (): Promise<TrustedValues> => {
    const { handbook: book } = await handbook();
    const recipients = new Set<string>([...knownRecipients, ...integrations.ownAddresses]);
    for (const contact of book.contacts)
      for (const value of [contact.email, contact.phone, contact.name])
        if (value) recipients.add(value.toLowerCase());
    for (const host of book.paymentPortals) recipients.add(host);
    const amounts = new Set<number>((await rates()).map((rate) => rate.rate));
    return { recipients, amounts, links: new Set<string>() };
  };
  const skills = createSkillLibrary(store);
  const reasoner = await createReasonerFor(config, { health, audit, now, say: options.say, state });
  const processor = createTaskProcessor({
    store,
    desk,
    audit,
    reasoner,
    catalog,
    handbook,
    rates,
    trusted,
    isKnown,
    skillsFor: skills.forTask,
    now,
  });
  /** Counted against the task's loop, on the task note: three failures in a row and a person takes over. */
  const countFailure = async (relative: string, message: string): Promise<void> => {
    let note: StoredNote;
    try {
      note = await store.read(relative);
    } catch {
      // The task is gone or unreadable: the next claim quarantines an unreadable one.
      return;
    }
    await store.write(relative, {
      data: { ...note.data, ...loopFields(afterError(loopStateOf(note.data, now()), message)) },
      body: note.body,
    });
  };
  const completion = createTaskCompletion({ store, desk, audit, agent: config.agent, state, now });
  /** Servers whose credentials were refused; cleared when `.env` changes and the employee restarts. */
  const paused = new Set<string>();
  const executor = createExecutor({
    store,
    desk,
    audit,
    host,
    now,
    async onRequestClosed(taskId) {
      const closed = await completion.closedOutcomes(taskId);
      if (!closed) return;
      const verdict = nextStep(closed.loop, closed.outcomes, now());
      if (verdict.kind === "continue") {
        await processor.process(closed.relative, { iteration: verdict.iteration, state: verdict.state });
        return;
      }
      if (verdict.kind === "exhausted") {
        await alert({
          title: `A multi-step task stopped: ${path.posix.basename(closed.relative)}`,
          key: `loop-${taskId}`,
          body: `The employee stopped working on [[${path.posix.basename(closed.relative, ".md")}]] because ${verdict.reason}. What happened:\n\n${verdict.state.history.map((line) => `- ${line}`).join("\n")}\n\nFinish it yourself, or drop a new request into \`Inbox/\`.`,
        });
      }
      await completion.finish(closed);
    },
    isPaused: (server) => paused.has(server),
    async onAuthFailure(server, message) {
      paused.add(server);
      health.set(server, "paused", "credentials refused: approved work waits until they change in .env");
      await alert({
        title: `The ${server} integration was refused access`,
        key: `auth-${server}`,
        severity: "critical",
        source: server,
        body: `${message}\n\nFix its credentials in \`.env\`: the employee restarts with them when the file changes (or restart it). Approved work for it waits in \`Approved/\` meanwhile.`,
      });
    },
  });
  // Only the offline reasoner is bound by the CPU; a model is called from one thread, within its budget.
  const assistant =
    options.assistant && (config.offline || !config.llm)
      ? createQueueAssistant({
          audit,
          vaultRoot: options.vaultRoot,
          env: options.env,
          offline: config.offline,
          onFailure: (message) => {
            health.failure("orchestrator", `the second planning thread failed: ${redactor.text(message)}`);
            options.say(
              `warning: the second planning thread failed (${redactor.text(message)}); planning goes on in one`,
            );
          },
        })
      : undefined;
  const orchestrator = createOrchestrator({
    store,
    agent: config.agent,
    processor,
    executor,
    audit,
    assistant,
    async onTaskError(relative, error) {
      const message = redactor.text(error instanceof Error ? error.message : String(error));
      health.failure("orchestrator", message);
      await countFailure(relative, message);
      await audit.append({
        action_type: "plan_failed",
        actor: "orchestrator",
        target: relative,
        result: "failure",
        error: message,
      });
      await alert({
        title: `A task could not be processed: ${path.posix.basename(relative)}`,
        key: `task-error-${relative}`,
        body: `${message}\n\nThe task stays in \`${path.posix.dirname(relative)}/\`; it is tried again when the employee restarts.`,
      });
    },
  });
  const dashboard = createDashboardWriter({ store, health, now });
  const briefing = createBriefingJob({
    vaultRoot: options.vaultRoot,
    config,
    integrations,
    catalog,
    desk,
    audit,
    handbook,
    isKnown,
    now,
  });
  const socialDrafts = createSocialDraftsJob({
    vaultRoot: options.vaultRoot,
    store,
    desk,
    catalog,
    handbook,
    isKnown,
    timezone: config.timezone,
    now,
    // Live, only the networks that are configured; in a dry run every network drafts into the Outbox.
    networks: config.dryRun
      ? SOCIAL_NETWORKS
      : SOCIAL_NETWORKS.filter((network) => integrations.configured.includes(network)),
    instagramImageUrl: config.socialImageUrl,
  });
  const scheduledJobs: ScheduledJob[] = [
    {
      name: "social-drafts",
      // Monday 09:00: a week's posts drafted from the goals and the work done, for a person to approve.
      pattern: "0 9 * * 1",
      async run() {
        const result = await socialDrafts();
        await audit.append({
          action_type: "social_drafts_written",
          actor: "scheduler",
          target: null,
          parameters: { drafts: result.drafts, requests: result.requests },
          result: "success",
        });
      },
    },
    {
      name: "ceo-briefing",
      // The seed's schedule: every Sunday at 23:00 in the configured time zone.
      pattern: "0 23 * * 0",
      async run() {
        await briefing();
      },
    },
    {
      name: "credential-reminder",
      // The seed's security rule: rotate credentials monthly.
      pattern: "0 9 1 * *",
      async run() {
        const configured = integrations.configured;
        if (configured.length === 0) return;
        await alert({
          title: "Monthly reminder: rotate your credentials",
          key: `rotate-${now().toISOString().slice(0, 7)}`,
          severity: "info",
          source: "scheduler",
          body: `These integrations hold credentials in \`.env\`: ${configured.join(", ")}. Rotate them with each provider, update \`.env\`, and restart the employee.`,
        });
      },
    },
  ];

  return {
    config,
    store,
    audit,
    desk,
    health,
    host,
    redactor,
    integrations,
    dashboard,
    watchers: integrations.watchers,
    scheduledJobs,
    handbook,
    briefing,
    async pass() {
      const kept = await spool.drain(vaultSink);
      if (kept > 0) {
        health.set("vault", "ok", "writable again");
        await alert({
          title: `${kept} item(s) were kept aside while the vault could not be written`,
          key: `spool-${now().toISOString().slice(0, 13)}`,
          severity: "warning",
          source: "employee",
          body: `They are tasks now. Check the disk or the vault's permissions: the vault refused writes for a while.`,
        });
      }
      const result = await orchestrator.pass();
      health.success(
        "orchestrator",
        `last pass: ${result.processed.done} done, ${result.processed.waiting} waiting, ${result.executed} executed`,
      );
      dashboard.soon((error) =>
        health.failure("dashboard", redactor.text(error instanceof Error ? error.message : String(error))),
      );
      return result;
    },
    drain: () => orchestrator.drain(),
    follow: (filed) => orchestrator.follow(filed),
    assistWhile: (filing) => orchestrator.assistWhile(filing),
    mcpServer: async (name) =>
      (await import("../mcp/create-tool-server.js")).createToolServer(name, integrations.tools[name], {
        gate,
        redactor,
      }),
    async close() {
      await assistant?.close();
      await dashboard.flush();
      await host.close();
      await integrations.close();
    },
  };
}
