/**
 * @module Where an IMAP watcher is in its mailbox, kept in the state store so nothing is filed twice
 * across restarts: the mailbox's UIDVALIDITY and the last UID handed to the core. While the first sync
 * runs (unseen mail of the last N days, possibly over several passes) `phase` is `initial`.
 */
import { z } from "zod";
import type { StateStore } from "../../vault/state-store.js";

const cursorSchema = z.object({
  uidValidity: z.string(),
  lastUid: z.number().int().nonnegative(),
  phase: z.enum(["initial", "incremental"]),
  /** The highest UID that existed when the first sync started; later mail is "new". */
  initialUpTo: z.number().int().nonnegative(),
  /** ISO date: the first sync takes unseen mail received since then. */
  since: z.string(),
});

export type ImapCursor = z.infer<typeof cursorSchema>;

/** A cursor that does not parse (edited by hand, an older format) counts as none: the sync starts over. */
export async function readImapCursor(store: StateStore, key: string): Promise<ImapCursor | undefined> {
  const parsed = cursorSchema.safeParse(await store.read<unknown>(key));
  return parsed.success ? parsed.data : undefined;
}

export async function writeImapCursor(store: StateStore, key: string, cursor: ImapCursor): Promise<void> {
  await store.write(key, cursor);
}
