import { initVault } from "../vault/init-vault.js";
import { vaultFrom, type CliContext } from "./cli-context.js";

/** `ai-employee init [--vault DIR]`: folders and templates, never overwriting a person's edits. */
export async function initCommand(context: CliContext, options: { vault?: string }): Promise<void> {
  const root = vaultFrom(context, options.vault);
  const result = await initVault(root);
  context.out(
    `vault ready at ${root}: ${result.created.length} file(s) created, ${result.kept.length} kept as they were`,
  );
}
