/**
 * @module What every command gets: where it runs, its environment, and where it writes. Commands never
 * touch `process` themselves, so tests can run them in process.
 */
import type { Environment } from "../integrations/integration-config.js";
import { resolveVaultRoot } from "../vault/resolve-vault.js";

export interface CliContext {
  cwd: string;
  env: Environment;
  /** The environment read again (the process's variables over `.env`), after `.env` changed. */
  readEnv(): Environment;
  out(line: string): void;
  err(line: string): void;
}

export function vaultFrom(context: CliContext, flag: string | undefined): string {
  return resolveVaultRoot(flag, context.env, context.cwd);
}

/** An error the person can fix, shown as one line; `exitCode` says what kind. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Exit codes: 0 done, 1 failed, 2 bad usage or configuration, 3 not found. */
export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 3 } as const;
