/**
 * @module The dry-run outbox: what an action would have sent, rendered as a file in `Outbox/`
 * (one file per executed action: an email as `.eml`, a post or an invoice as Markdown).
 */
import path from "node:path";
import { writeFileAtomic } from "./atomic-write.js";
import { safeFileName } from "./safe-name.js";

export interface Outbox {
  /** Writes one artifact and returns its path relative to the vault root. */
  write(name: string, content: string | Uint8Array): Promise<string>;
}

export function createOutbox(vaultRoot: string, now: () => Date): Outbox {
  return {
    async write(name, content) {
      const stamp = now().toISOString().replace(/[:.]/g, "-");
      const fileName = `${stamp}_${safeFileName(name, 120)}`;
      await writeFileAtomic(path.join(vaultRoot, "Outbox", fileName), content);
      return `Outbox/${fileName}`;
    },
  };
}
