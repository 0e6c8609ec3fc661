/**
 * @module The configuration's source: the process environment over `.env` (which never overrides a
 * variable that is already set). Read once at start-up, passed down; nothing reads `process.env` itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "dotenv";
import type { Environment } from "../integrations/integration-config.js";

export function loadEnvironment(cwd: string, processEnv: NodeJS.ProcessEnv): Environment {
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parse(readFileSync(path.join(cwd, ".env")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return { ...fromFile, ...processEnv };
}

const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|API_KEY|APIKEY|_KEY)$/;

/** The values of every secret-looking variable, so the redactor can remove them wherever they appear. */
export function secretValues(env: Environment): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.trim() !== "")
    .map(([, value]) => value!.trim());
}
