/**
 * @module The weekly CEO briefing as the employee runs it (Sunday 23:00, or `ai-employee briefing`):
 * the books, the social section, and each proposal filed as an approval request that always asks a
 * person, then one line in the audit log.
 */
import type { ApprovalDesk } from "../governance/approval-desk.js";
import type { AuditLog } from "../governance/audit-log.js";
import type { HandbookReading } from "../governance/handbook.js";
import { decide } from "../governance/policy.js";
import { writeBriefing } from "../briefing/write-briefing.js";
import type { Suggestion } from "../briefing/suggestion.js";
import { collectSocialMetrics, renderSocialSummary } from "../integrations/social-summary-tool.js";
import type { EmployeeConfig } from "./employee-config.js";
import type { Integrations } from "./integrations.js";
import type { ToolCatalog } from "./tool-catalog.js";
import { SERVER_NAMES } from "../mcp/server-names.js";

export interface BriefingJobDeps {
  vaultRoot: string;
  config: EmployeeConfig;
  integrations: Integrations;
  catalog: ToolCatalog;
  desk: ApprovalDesk;
  audit: AuditLog;
  handbook(): Promise<HandbookReading>;
  isKnown(recipient: string, reading: HandbookReading): boolean;
  now(): Date;
}

export function createBriefingJob(deps: BriefingJobDeps) {
  async function fileSuggestion(suggestion: Suggestion) {
    const action = suggestion.action;
    if (!action) return undefined;
    const server = action.server ?? SERVER_NAMES.find((name) => deps.catalog.find(name, action.tool));
    const tool = server === undefined ? undefined : deps.catalog.find(server, action.tool);
    if (!server || !tool?.facts) return undefined;
    const parsed = tool.input.safeParse(action.parameters);
    if (!parsed.success) return undefined;
    const facts = tool.facts(parsed.data);
    const reading = await deps.handbook();
    const decision = decide(reading.handbook, {
      facts,
      origin: "employee",
      untrustedFields: [],
      isKnown: (recipient) => deps.isKnown(recipient, reading),
      handbookReadable: reading.problems.length === 0,
    });
    if (decision.kind === "refuse") return undefined;
    // A proposal from the briefing always asks a person, even where the Handbook would allow it.
    const reasons = [
      "proposed by the weekly CEO briefing",
      ...(decision.kind === "needs_approval" ? decision.reasons : []),
    ];
    const risks = decision.kind === "needs_approval" ? decision.risks : [];
    const stored = await deps.desk.file({
      server,
      tool: tool.name,
      parameters: action.parameters,
      facts,
      decision: { kind: "needs_approval", reasons, risks },
      origin: "employee",
      idempotencyKey: suggestion.key,
    });
    return { id: stored.request.id, file: stored.path };
  }

  return async (week?: string): Promise<{ path: string; figuresMissing: string[] }> => {
    const sources = deps.integrations.socialSources;
    const social = sources.length === 0 ? undefined : await collectSocialMetrics(sources);
    const result = await writeBriefing({
      vaultRoot: deps.vaultRoot,
      ...(week === undefined ? {} : { week }),
      books: deps.integrations.books,
      ...(social ? { socialSummary: renderSocialSummary(social.metrics, social.failures) } : {}),
      fileSuggestion,
      now: deps.now,
      timezone: deps.config.timezone,
    });
    await deps.audit.append({
      action_type: "briefing_written",
      actor: "scheduler",
      target: result.path,
      parameters: { week: result.week, figures_missing: result.figuresMissing },
      result: "success",
    });
    return { path: result.path, figuresMissing: result.figuresMissing };
  };
}
