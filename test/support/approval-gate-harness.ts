/**
 * @module A real approval gate on a temp vault, behind a real MCP server, called by the real MCP SDK
 * client over the in-memory transport: the registry, ledger, audit log, rate limiter and note store are
 * the product's own, on real files. Only the clock and the tools are the test's.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { createApprovalDesk, type ApprovalDesk } from "../../src/governance/approval-desk.js";
import { createApprovalRegistry } from "../../src/governance/approval-registry.js";
import type { AuditEntry } from "../../src/governance/audit-entry.js";
import { createAuditLog } from "../../src/governance/audit-log.js";
import { createExecutionLedger, type ExecutionLedger } from "../../src/governance/execution-ledger.js";
import { findContact, parseHandbook, type HandbookReading } from "../../src/governance/handbook.js";
import { createRateLimiter } from "../../src/governance/rate-limiter.js";
import { createRedactor } from "../../src/governance/redact.js";
import { defineTool, type ToolDefinition, type ToolResult } from "../../src/integrations/tool-definition.js";
import { createApprovalGate } from "../../src/mcp/approval-gate.js";
import { createToolServer } from "../../src/mcp/create-tool-server.js";
import { createMcpHost, type McpHost } from "../../src/mcp/mcp-host.js";
import { writeAlert } from "../../src/vault/alerts.js";
import { createNoteStore, type NoteStore, type StoredNote } from "../../src/vault/note-store.js";
import { createStateStore } from "../../src/vault/state-store.js";

export const START = "2026-11-26T10:00:00.000Z";
export const TEMPLATE_HANDBOOK = await readFile(
  new URL("../../templates/vault/Company_Handbook.md", import.meta.url),
  "utf8",
);
export const SERVER = "email";

const ANNOTATIONS = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};

export interface ToolCall {
  tool: string;
  input: Record<string, unknown>;
  /** Real time (ms), to see how long the gate waited between attempts. */
  at: number;
}

/** What the gate answered, as the MCP client received it. */
export interface Answer {
  result: CallToolResult;
  status: string;
  structured: Record<string, unknown>;
  text: string;
}

export interface GateHarness {
  vault: string;
  store: NoteStore;
  desk: ApprovalDesk;
  ledger: ExecutionLedger;
  host: McpHost;
  /** Every time a tool's `run` was reached, i.e. every outward call. */
  calls: ToolCall[];
  now(): Date;
  advance(ms: number): void;
  /** The next runs of `tool` throw these errors in turn, then succeed. */
  failNext(tool: string, ...errors: Error[]): void;
  call(tool: string, args: Record<string, unknown>, approvalId?: string): Promise<Answer>;
  /** Files a request over MCP (no approval id) and has a person approve it; returns its id. */
  approved(tool: string, args: Record<string, unknown>): Promise<string>;
  /** The request note with this id in `folder`, if it is there. */
  request(folder: string, id: string): Promise<StoredNote | undefined>;
  logLines(): Promise<AuditEntry[]>;
  alerts(): Promise<StoredNote[]>;
  close(): Promise<void>;
}

export async function createGateHarness(
  options: { handbook?: string; retryBaseDelayMs?: number; secrets?: string[] } = {},
): Promise<GateHarness> {
  const vault = await mkdtemp(path.join(tmpdir(), "approval-gate-"));
  let time = Date.parse(START);
  const now = () => new Date(time);
  const store = createNoteStore(vault);
  const internal = path.join(vault, ".ai-employee");
  const redactor = createRedactor(options.secrets ?? []);
  const reading: HandbookReading = parseHandbook(options.handbook ?? TEMPLATE_HANDBOOK);
  const ledger = createExecutionLedger(vault);
  const desk = createApprovalDesk({
    store,
    registry: createApprovalRegistry(vault),
    ledger,
    handbook: async () => reading.handbook,
    now,
  });
  const gate = createApprovalGate({
    desk,
    ledger,
    audit: createAuditLog(vault, { now, redactor }),
    rateLimiter: createRateLimiter(createStateStore(path.join(internal, "state")), now),
    redactor,
    handbook: async () => reading,
    isKnown: (recipient, current) => findContact(current.handbook, recipient) !== undefined,
    now,
    notify: async (alert) =>
      void (await writeAlert(store, now(), { ...alert, severity: "warning", source: "approval gate" })),
    ...(options.retryBaseDelayMs === undefined ? {} : { retryBaseDelayMs: options.retryBaseDelayMs }),
  });

  const calls: ToolCall[] = [];
  const failures = new Map<string, Error[]>();
  async function run(tool: string, input: Record<string, unknown>): Promise<ToolResult> {
    calls.push({ tool, input, at: performance.now() });
    const error = failures.get(tool)?.shift();
    if (error) throw error;
    return { text: `${tool} done`, data: { call: calls.length }, dryRun: true };
  }

  const tools: ToolDefinition[] = [
    defineTool({
      name: "send_email",
      title: "Send an email",
      description: "Sends one email.",
      input: z.object({ to: z.array(z.string()).min(1), subject: z.string(), body: z.string() }),
      annotations: ANNOTATIONS,
      effect: "write",
      facts: (input) => ({
        category: "email",
        recipients: input.to,
        summary: `Email to ${input.to.join(", ")}: ${input.subject}`,
      }),
      run: (input) => run("send_email", input),
    }),
    defineTool({
      name: "pay_invoice",
      title: "Pay an invoice",
      description: "Pays one invoice.",
      input: z.object({
        payee: z.string(),
        amount: z.number(),
        currency: z.string(),
        recurring: z.boolean().default(false),
      }),
      annotations: { ...ANNOTATIONS, destructiveHint: true },
      effect: "write",
      facts: (input) => ({
        category: "payment",
        recipients: [input.payee],
        amount: { value: input.amount, currency: input.currency },
        recurring: input.recurring,
        summary: `Pay ${input.amount} ${input.currency} to ${input.payee}`,
      }),
      run: (input) => run("pay_invoice", input),
    }),
    defineTool({
      name: "list_messages",
      title: "List messages",
      description: "Reads the inbox.",
      input: z.object({ limit: z.number().default(10) }),
      annotations: { ...ANNOTATIONS, readOnlyHint: true },
      effect: "read",
      run: (input) => run("list_messages", input),
    }),
  ];
  const host = await createMcpHost({ [SERVER]: createToolServer(SERVER, tools, { gate, redactor }) });

  async function call(tool: string, args: Record<string, unknown>, approvalId?: string): Promise<Answer> {
    const result = await host.call(
      SERVER,
      tool,
      approvalId === undefined ? args : { ...args, approval_id: approvalId },
    );
    const structured = (result.structuredContent ?? {}) as Record<string, unknown>;
    const text = result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
    return { result, status: String(structured.status), structured, text };
  }

  return {
    vault,
    store,
    desk,
    ledger,
    host,
    calls,
    now,
    advance(ms) {
      time += ms;
    },
    failNext(tool, ...errors) {
      failures.set(tool, [...(failures.get(tool) ?? []), ...errors]);
    },
    call,
    async approved(tool, args) {
      const filed = await call(tool, args);
      if (filed.status !== "pending") throw new Error(`expected a pending request, got ${filed.text}`);
      const id = String(filed.structured.approvalId);
      await desk.decide(id, "approved", "owner");
      return id;
    },
    async request(folder, id) {
      const match = (await store.list(folder)).find((relative) => relative.endsWith(`_${id}.md`));
      return match === undefined ? undefined : store.read(match);
    },
    async logLines() {
      const logs = path.join(vault, "Logs");
      const lines: AuditEntry[] = [];
      for (const file of (await readdir(logs).catch(() => [])).sort()) {
        const text = await readFile(path.join(logs, file), "utf8");
        lines.push(
          ...text
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as AuditEntry),
        );
      }
      return lines;
    },
    async alerts() {
      return Promise.all((await store.list("Alerts")).map((relative) => store.read(relative)));
    },
    async close() {
      await host.close();
      await rm(vault, { recursive: true, force: true });
    },
  };
}
