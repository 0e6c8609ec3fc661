#!/usr/bin/env -S node --max-old-space-size=192
/**
 * @module The `ai-employee` command. Thin: parses arguments, builds the context, maps errors to one
 * line and a meaningful exit code.
 */
import { Command, CommanderError } from "commander";
import { isEmployeeError } from "../governance/errors/employee-error.js";
import { loadEnvironment } from "../runtime/environment.js";
import { CliError, EXIT, type CliContext } from "./cli-context.js";

/**
 * Each command is loaded when it runs: `status` or `approve` should not pay for loading every
 * integration's libraries.
 */
function lazy<A extends unknown[]>(
  load: () => Promise<(...args: A) => unknown>,
): (...args: A) => Promise<void> {
  return async (...args) => {
    await (
      await load()
    )(...args);
  };
}

const decideCommand = lazy(async () => (await import("./decide-command.js")).decideCommand);
const initCommand = lazy(async () => (await import("./init-command.js")).initCommand);
const logsCommand = lazy(async () => (await import("./logs-command.js")).logsCommand);
const verifyLogsCommand = lazy(async () => (await import("./logs-command.js")).verifyLogsCommand);
const mcpCommand = lazy(async () => (await import("./mcp-command.js")).mcpCommand);
const mcpConfigCommand = lazy(async () => (await import("./mcp-command.js")).mcpConfigCommand);
const runCommand = lazy(async () => (await import("./run-command.js")).runCommand);
const briefingCommand = lazy(async () => (await import("./briefing-command.js")).briefingCommand);
const statusCommand = lazy(async () => (await import("./status-command.js")).statusCommand);
const authGmailCommand = lazy(async () => (await import("./auth-gmail-command.js")).authGmailCommand);

const context: CliContext = {
  cwd: process.cwd(),
  env: loadEnvironment(process.cwd(), process.env),
  readEnv: () => loadEnvironment(process.cwd(), process.env),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => controller.abort());
}

const VAULT = ["--vault <dir>", "the vault folder (default: $AI_EMPLOYEE_VAULT, then ./vault)"] as const;

const program = new Command()
  .name("ai-employee")
  .description(
    "Your personal AI employee: watches your channels, drafts the work, asks before anything leaves.",
  )
  .exitOverride()
  .showHelpAfterError();

program
  .command("init")
  .description("create the vault's folders and templates (never overwrites your edits)")
  .option(...VAULT)
  .action((options: { vault?: string }) => initCommand(context, options));

program
  .command("run")
  .description("run the employee (the daemon); --once runs one pass and exits")
  .option(...VAULT)
  .option("--once", "one pass of every watcher, bring every task to rest, then exit")
  .option("--offline", "use the offline rules reasoner even if a model is configured")
  .action((options: { vault?: string; once?: boolean; offline?: boolean }) =>
    runCommand(context, options, controller.signal),
  );

program
  .command("status")
  .description("counts, pending approvals, alerts and health")
  .option(...VAULT)
  .option("--json", "machine-readable output")
  .action((options: { vault?: string; json?: boolean }) => statusCommand(context, options));

program
  .command("approve <id>")
  .description("approve a pending request")
  .option(...VAULT)
  .action((id: string, options: { vault?: string }) => decideCommand(context, "approved", id, options));

program
  .command("reject <id>")
  .description("reject a pending request")
  .option(...VAULT)
  .option("--reason <text>", "why, for the log")
  .action((id: string, options: { vault?: string; reason?: string }) =>
    decideCommand(context, "rejected", id, options),
  );

const logs = program
  .command("logs")
  .description("print the audit log")
  .option(...VAULT)
  .option("--since <date>", "only entries at or after this date or time")
  .option("--type <action>", "only this action type, e.g. send_email")
  .option("--json", "the raw JSON lines")
  .action((options: { vault?: string; since?: string; type?: string; json?: boolean }) =>
    logsCommand(context, options),
  );
logs
  .command("verify")
  .description("check the audit log's hash chain")
  .option(...VAULT)
  .action((options: { vault?: string }) => verifyLogsCommand(context, { ...logs.opts(), ...options }));

program
  .command("briefing")
  .description("write the Monday Morning CEO Briefing now")
  .option(...VAULT)
  .option("--week <date>", "any day of the week to brief (default: the week that just ended)")
  .action((options: { vault?: string; week?: string }) => briefingCommand(context, options));

program
  .command("mcp <server>")
  .description("serve one MCP server on stdio: email, whatsapp, social, odoo or browser")
  .option(...VAULT)
  .action((server: string, options: { vault?: string }) =>
    mcpCommand(context, server, options, controller.signal),
  );

program
  .command("auth")
  .description("get credentials for an integration")
  .command("gmail")
  .description("get a Gmail refresh token through Google's consent screen (GMAIL_CLIENT_ID/SECRET)")
  .option("--save", "write GMAIL_REFRESH_TOKEN into ./.env (mode 0600) instead of printing it")
  .action((options: { save?: boolean }) => authGmailCommand(context, options, controller.signal));

program
  .command("mcp-config")
  .description("print the mcpServers JSON for Claude Code, Qwen Code or Claude Desktop")
  .option(...VAULT)
  .action((options: { vault?: string }) => mcpConfigCommand(context, options));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (error instanceof CliError) {
    context.err(`error: ${error.message}`);
    process.exitCode = error.exitCode;
  } else if (isEmployeeError(error)) {
    context.err(`error: ${error.message}`);
    process.exitCode = EXIT.failure;
  } else {
    context.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = EXIT.failure;
  }
}
