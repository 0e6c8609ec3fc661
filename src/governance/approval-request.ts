/**
 * @module The approval request note (DESIGN.md "Formats", after the seed): the exact payload that will
 * run, bound by `payload_sha256`, with the policy's reasons and risks, rendered so a person can judge it.
 */
import { z } from "zod";
import { DataError } from "./errors/data-error.js";
import type { Note } from "../vault/note.js";
import { fencedBlock } from "../vault/note.js";

export const APPROVAL_STATUSES = [
  "pending",
  "approved",
  "rejected",
  "expired",
  "executed",
  "failed",
  "superseded",
] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const ApprovalFrontMatter = z.looseObject({
  type: z.literal("approval_request"),
  id: z.string().min(1),
  task: z.string().nullable().default(null),
  action: z.string(),
  server: z.string(),
  tool: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  payload_sha256: z.string(),
  amount: z.number().nullable().default(null),
  currency: z.string().nullable().default(null),
  recipient: z.string().nullable().default(null),
  reason: z.string().default(""),
  risk: z.array(z.string()).default([]),
  origin: z.enum(["employee", "outside_client"]).default("employee"),
  created: z.string(),
  expires: z.string(),
  status: z.enum(APPROVAL_STATUSES).default("pending"),
  approved_by: z.string().nullable().optional(),
  decided_at: z.string().nullable().optional(),
  rejection_reason: z.string().nullable().optional(),
  executed_at: z.string().nullable().optional(),
  outcome: z.string().nullable().optional(),
  last_error: z.string().nullable().optional(),
  /** Set on a request a person edited: the fresh request filed for the edited version. */
  replaced_by: z.string().nullable().optional(),
  /** Set once the orchestrator has taken note of a closed request (its task was told). */
  settled: z.boolean().optional(),
});
export type ApprovalRequest = z.infer<typeof ApprovalFrontMatter>;

export function approvalFromNote(note: Note & { path: string }): ApprovalRequest {
  const parsed = ApprovalFrontMatter.safeParse(note.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataError(
      `${note.path}: "${issue?.path.join(".") || "front matter"}" ${issue?.message ?? "is invalid"}`,
    );
  }
  return parsed.data;
}

export function approvalFileName(request: Pick<ApprovalRequest, "action" | "id">, subject: string): string {
  const slug =
    subject
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 32)
      .replace(/-+$/, "") || "request";
  return `${request.action.toUpperCase()}_${slug}_${request.id}.md`;
}

export interface ApprovalBodyContext {
  summary: string;
  taskLink: string | undefined;
  planLink: string | undefined;
}

export function renderApprovalBody(request: ApprovalRequest, context: ApprovalBodyContext): string {
  const lines = [
    `# Approval needed: ${context.summary}`,
    "",
    `- **Action:** \`${request.tool}\` on the ${request.server} server`,
    request.recipient ? `- **To:** ${request.recipient}` : undefined,
    request.amount !== null
      ? `- **Amount:** ${request.amount} ${request.currency ?? ""}`.trimEnd()
      : undefined,
    `- **Why a person is asked:** ${request.reason || "policy"}`,
    request.risk.length > 0 ? `- **Risks:** ${request.risk.join(", ")}` : undefined,
    `- **Expires:** ${request.expires}`,
    context.taskLink ? `- **Task:** [[${context.taskLink}]]` : undefined,
    context.planLink ? `- **Plan:** [[${context.planLink}]]` : undefined,
    "",
    "## Exactly what will run",
    "",
    fencedBlock(JSON.stringify(request.parameters, null, 2), "json"),
    "",
    "## To approve or reject",
    "",
    `- Approve: move this file to \`Approved/\`, or run \`ai-employee approve ${request.id}\`, or use the web page.`,
    `- Reject: move this file to \`Rejected/\`, or run \`ai-employee reject ${request.id} --reason "..."\`.`,
    "- Editing the parameters above does not change what runs: the employee files a fresh request for the",
    "  edited version instead. You may shorten `expires`, never extend it.",
    "",
  ];
  return lines.filter((line) => line !== undefined).join("\n");
}
