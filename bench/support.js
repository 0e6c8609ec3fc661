// Shared helpers for the benchmarks: a fresh vault, the built CLI as a child process, the process
// tree's memory and CPU from /proc. Figures are measured, never asserted.
import { spawn, execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
/** The Node flags `ai-employee` runs with: those on its shebang line (`#!/usr/bin/env -S node …`). */
export const NODE_FLAGS = readFileSync(CLI, "utf8")
  .split("\n", 1)[0]
  .split(/\s+/)
  .filter((word) => word.startsWith("--"));

export function cleanEnv(extra = {}) {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ...extra };
}

const leftBehind = [];

/**
 * Marks a vault for removal once every measurement is done. Not at once: on a file system that does not
 * reuse a deleted file's inode for minutes (ext4 without a journal), a measurement that follows a large
 * delete pays for it in every file it creates.
 */
export function removeLater(vault) {
  leftBehind.push(vault);
}

export async function removeVaults() {
  await Promise.all(leftBehind.splice(0).map((vault) => rm(vault, { recursive: true, force: true })));
}

export async function freshVault() {
  const vault = await mkdtemp(path.join(tmpdir(), "ai-employee-bench-"));
  execFileSync(process.execPath, [...NODE_FLAGS, CLI, "init", "--vault", vault], {
    env: cleanEnv(),
    stdio: "ignore",
  });
  return vault;
}

/** Starts the daemon; resolves with the child once it printed "ready". */
export function startDaemon(vault, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, CLI, "run", "--vault", vault], {
      env: cleanEnv(extraEnv),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.includes("ready: watching")) resolve(child);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`daemon exited (${code}): ${output}`)));
  });
}

export function stop(child) {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

function descendants(pid) {
  let children = "";
  try {
    children = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).trim();
  } catch {
    // ps exits 1 when the process has no children.
  }
  const direct = children === "" ? [] : children.split(/\s+/).map(Number);
  return direct.flatMap((child) => [child, ...descendants(child)]);
}

/** Resident memory of a process and every process it started, in bytes. */
export function treeRssBytes(pid) {
  let total = 0;
  for (const member of [pid, ...descendants(pid)]) {
    try {
      const status = readFileSync(`/proc/${member}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/** The kernel's clock ticks per second, the unit of the CPU times in /proc. */
function clockTicks() {
  return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
}

/** CPU time (user + system) of the tree, in seconds. */
export function treeCpuSeconds(pid) {
  const ticks = clockTicks();
  let total = 0;
  for (const member of [pid, ...descendants(pid)]) {
    try {
      const fields = readFileSync(`/proc/${member}/stat`, "utf8").split(") ")[1].split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // Gone.
    }
  }
  return total;
}

/**
 * CPU time the hypervisor gave other guests while this VM wanted it ("steal" in /proc/stat), summed over
 * the cores, in seconds; undefined where there is no /proc/stat.
 */
export function stolenSeconds() {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0].trim().split(/\s+/);
    return Number(fields[8] ?? 0) / clockTicks();
  } catch {
    return undefined;
  }
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function readJson(file) {
  return JSON.parse(await readFile(file, "utf8"));
}
