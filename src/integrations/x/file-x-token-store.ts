/**
 * @module The file adapter of `XTokenStore`: one JSON file, mode 0600, in a directory the runtime gives
 * (e.g. `~/.config/ai-employee/`), never inside the vault, which syncs and is opened in Obsidian.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { XTokens, XTokenStore } from "./x-token-store.js";

export const X_TOKEN_FILE_NAME = "x-oauth-tokens.json";

const storedTokens = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  expiresAt: z.string().optional(),
  origin: z.string().min(1),
});

export function createFileXTokenStore(directory: string): XTokenStore {
  const file = path.join(directory, X_TOKEN_FILE_NAME);
  return {
    async read() {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      // A damaged file must not stop X: the environment's token is the fallback.
      const parsed = storedTokens.safeParse(safeJson(text));
      if (!parsed.success) return undefined;
      return {
        accessToken: parsed.data.accessToken,
        refreshToken: parsed.data.refreshToken,
        expiresAt: parsed.data.expiresAt,
        origin: parsed.data.origin,
      };
    },
    async write(tokens: XTokens) {
      await mkdir(directory, { recursive: true, mode: 0o700 });
      // Created 0600 from the first byte (not chmod-ed after), then renamed over the old file.
      const temp = path.join(directory, `.${X_TOKEN_FILE_NAME}.${randomBytes(6).toString("hex")}.tmp`);
      const handle = await open(temp, "wx", 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(tokens, null, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(temp, file);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
