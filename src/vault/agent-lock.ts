/**
 * @module One live process per agent name. The lock file names the owner's pid; a lock whose pid is
 * gone is stale and may be taken over (and the dead owner's claims released).
 */
import { readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { mkdir } from "node:fs/promises";
import { SystemError } from "../governance/errors/system-error.js";

export interface AgentLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function acquireAgentLock(internalDirectory: string, agent: string): Promise<AgentLock> {
  const directory = path.join(internalDirectory, "agents");
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${agent}.lock`);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      return {
        async release() {
          await unlink(file).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new SystemError(
          `another employee process (pid ${owner}) is already running as "${agent}" on this vault; stop it first`,
        );
      }
      await unlink(file).catch(() => undefined);
    }
  }
  throw new SystemError(`could not take the lock for agent "${agent}"`);
}
