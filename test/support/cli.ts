/**
 * @module Runs the built `ai-employee` command as a child process, the way a person does, with an
 * environment that holds only what the test gives it (no model, no accounts from the developer's shell).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
/** The Node flags `ai-employee` runs with: those on its shebang line, so tests run it as it ships. */
export const NODE_FLAGS = readFileSync(CLI, "utf8")
  .split("\n", 1)[0]!
  .split(/\s+/)
  .filter((word) => word.startsWith("--"));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  // DASHBOARD_PORT=0: daemons started side by side by the tests would otherwise race for one port.
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    DASHBOARD_PORT: "0",
    ...extra,
  };
}

export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, CLI, ...args], {
      cwd: options.cwd ?? tmpdir(),
      env: options.env ?? cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts the daemon and resolves once it says it is ready. */
export function startDaemon(
  args: string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<ChildProcess & { output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, CLI, "run", ...args], {
      env,
      ...(cwd ? { cwd } : {}),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready: watching")) resolve(Object.assign(child, { output: () => output }));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`daemon exited early (${code}): ${output}`)));
  });
}

export async function tempVault(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "ai-employee-vault-"));
}

export async function list(vault: string, folder: string): Promise<string[]> {
  return (await readdir(path.join(vault, folder)).catch(() => []))
    .filter((name) => !name.startsWith("."))
    .sort();
}

export async function read(vault: string, relative: string): Promise<string> {
  return readFile(path.join(vault, relative), "utf8");
}

/** Polls `check` until it returns a value (bounded), for things a daemon does asynchronously. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  label = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
