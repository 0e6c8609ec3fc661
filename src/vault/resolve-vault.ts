import path from "node:path";

/** The vault is found from `--vault`, then `AI_EMPLOYEE_VAULT`, then `./vault`. */
export function resolveVaultRoot(flag: string | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const chosen = flag ?? env.AI_EMPLOYEE_VAULT ?? "vault";
  return path.resolve(cwd, chosen);
}
