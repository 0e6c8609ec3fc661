/**
 * @module What every run does first: the vault exists (created from the templates on first run), this
 * process is the only one running as its agent, and claims a dead process left behind are released.
 */
import path from "node:path";
import { acquireAgentLock, type AgentLock } from "../vault/agent-lock.js";
import { releaseStaleClaims } from "../vault/claims.js";
import { INTERNAL_FOLDER } from "../vault/folders.js";
import { initVault } from "../vault/init-vault.js";
import type { Employee } from "./employee.js";

export async function startUp(employee: Employee, vaultRoot: string): Promise<AgentLock> {
  await initVault(vaultRoot);
  const lock = await acquireAgentLock(path.join(vaultRoot, INTERNAL_FOLDER), employee.config.agent);
  const released = await releaseStaleClaims(employee.store, employee.config.agent);
  if (released.length > 0) {
    await employee.audit.append({
      action_type: "claims_released",
      actor: "orchestrator",
      target: null,
      parameters: { tasks: released },
      result: "success",
    });
  }
  return lock;
}
