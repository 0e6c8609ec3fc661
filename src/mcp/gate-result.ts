/**
 * @module What the approval gate answers for one side-effecting call, whoever the client is.
 */
import type { ToolResult } from "../integrations/tool-definition.js";

export type GateResult =
  | { status: "pending"; approvalId: string; text: string }
  | { status: "executed"; approvalId: string; result: ToolResult; retries: number }
  | { status: "refused"; approvalId: string | undefined; reason: string }
  | { status: "superseded"; approvalId: string; newApprovalId: string; reason: string }
  /** Not run now (rate limit, a service asking us to wait); the approval stays valid. */
  | { status: "deferred"; approvalId: string; until: string; reason: string }
  | { status: "failed"; approvalId: string; error: string; kind: string; retryable: boolean };
