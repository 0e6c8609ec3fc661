import { chmod, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  authorizeGmail,
  DEFAULT_GMAIL_AUTH_URL,
  DEFAULT_GMAIL_TOKEN_URL,
} from "../integrations/email/gmail-authorization.js";
import { CliError, EXIT, type CliContext } from "./cli-context.js";

/**
 * `ai-employee auth gmail [--save]`: walks a person through Google's consent screen and prints the
 * `GMAIL_REFRESH_TOKEN=…` line for `.env`; with `--save`, writes it into `.env` in the current folder
 * (mode 0600). The token never goes into the vault.
 */
export async function authGmailCommand(
  context: CliContext,
  options: { save?: boolean },
  signal?: AbortSignal,
): Promise<void> {
  const value = (name: string) => {
    const found = (context.env[name] ?? "").trim();
    return found === "" ? undefined : found;
  };
  const clientId = value("GMAIL_CLIENT_ID");
  const clientSecret = value("GMAIL_CLIENT_SECRET");
  if (!clientId || !clientSecret) {
    throw new CliError(
      "set GMAIL_CLIENT_ID and GMAIL_CLIENT_SECRET (an OAuth client of type Desktop app from Google Cloud Console) first",
      EXIT.usage,
    );
  }
  const result = await authorizeGmail({
    clientId,
    clientSecret,
    authUrl: value("GMAIL_AUTH_URL") ?? DEFAULT_GMAIL_AUTH_URL,
    tokenUrl: value("GMAIL_OAUTH_URL") ?? DEFAULT_GMAIL_TOKEN_URL,
    ...(signal ? { signal } : {}),
    onConsentUrl(url, redirectUri) {
      context.out("Open this address in your browser and allow access to Gmail:");
      context.out("");
      context.out(`  ${url}`);
      context.out("");
      context.out(`Waiting for Google's answer on ${redirectUri} (up to 5 minutes)…`);
    },
  });
  const line = `GMAIL_REFRESH_TOKEN=${result.refreshToken}`;
  if (!options.save) {
    context.out("Access granted. Add this line to .env (keep it out of the vault and out of git):");
    context.out(line);
    return;
  }
  const file = path.join(context.cwd, ".env");
  let existing = "";
  try {
    existing = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  // A token from an earlier run is replaced rather than left for dotenv to pick between.
  const kept = existing.split("\n").filter((entry) => !/^\s*GMAIL_REFRESH_TOKEN\s*=/.test(entry));
  const before = kept.join("\n").replace(/\n*$/, "");
  await writeFile(file, `${before === "" ? "" : `${before}\n`}${line}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  context.out(`Access granted. GMAIL_REFRESH_TOKEN saved in ${file} (mode 0600).`);
}
