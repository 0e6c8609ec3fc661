/**
 * @module Builds the employee for a command, turning a configuration problem into one clear line.
 */
import { createEmployee, type Employee } from "../runtime/employee.js";
import { ConfigurationError } from "../runtime/employee-config.js";
import { initVault } from "../vault/init-vault.js";
import { CliError, EXIT, vaultFrom, type CliContext } from "./cli-context.js";

export async function openEmployee(
  context: CliContext,
  options: { vault?: string; offline?: boolean; assistant?: boolean },
): Promise<{ employee: Employee; root: string }> {
  const root = vaultFrom(context, options.vault);
  await initVault(root);
  try {
    const employee = await createEmployee({
      vaultRoot: root,
      env: context.env,
      ...(options.offline ? { offline: true } : {}),
      ...(options.assistant ? { assistant: true } : {}),
      say: context.err,
    });
    return { employee, root };
  } catch (error) {
    if (error instanceof ConfigurationError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
}
