/**
 * @module The IMAP watcher: new INBOX mail of one account becomes inbound items. It listens with IDLE
 * (imapflow) and also polls on an interval as a fallback; its UID cursor and the mailbox's UIDVALIDITY
 * live in the state store. The first sync (or a resync after UIDVALIDITY changed) takes unseen mail of
 * the last N days; after that every new message. Hostile mail is quarantined and the watcher carries on.
 * The watcher never changes the mailbox (no \Seen, no moves).
 */
import type { FetchMessageObject, ImapFlow } from "imapflow";
import { DataError } from "../../governance/errors/data-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import type { StateStore } from "../../vault/state-store.js";
import { slug } from "../../vault/safe-name.js";
import type { TaskSink } from "../inbound-item.js";
import type { Watcher } from "../watcher.js";
import type { ImapSettings } from "./email-account-config.js";
import type { EmailLimits } from "./email-limits.js";
import { fileEmailMessage } from "./file-email-message.js";
import { closeImap, connectImap, createImapClient, imapError } from "./imap-client.js";
import { readImapCursor, writeImapCursor, type ImapCursor } from "./imap-cursor.js";
import { fetchOversizedMessage } from "./imap-oversized-message.js";

export interface ImapWatcherDeps {
  account: { name: string; domain: "personal" | "business" };
  imap: ImapSettings;
  limits: EmailLimits;
  initialSyncDays: number;
  pollSeconds: number;
  stateStore: StateStore;
  sink: TaskSink;
  now: () => Date;
}

/**
 * One pass files at most this many messages and releases the mailbox: a flood (or a first sync of a
 * big mailbox) is worked off in passes one after another, each bounded in memory.
 */
export const MAX_MESSAGES_PER_PASS = 200;
/** Sources are fetched in batches of about this many bytes: few round trips, bounded memory. */
const FETCH_BATCH_BYTES = 16 * 1024 * 1024;
/** Messages of a fetched batch parsed and filed at once: enough to overlap the disk's fsyncs. */
const FILE_CONCURRENCY = 16;
const MAILBOX = "INBOX";
const DAY_MS = 24 * 60 * 60 * 1000;

export function createImapWatcher(deps: ImapWatcherDeps): Watcher {
  const name = `imap:${deps.account.name}`;
  const stateKey = `email-imap-${slug(deps.account.name)}`;
  let client: ImapFlow | undefined;
  let running: Promise<number> | undefined;
  let again = false;

  async function connection(): Promise<ImapFlow> {
    if (client?.usable) return client;
    client?.close();
    const next = await createImapClient(deps.imap, { maxMessageBytes: deps.limits.maxMessageBytes });
    await connectImap(next, deps.imap);
    client = next;
    return next;
  }

  async function pass(): Promise<number> {
    const imap = await connection();
    let lock;
    try {
      lock = await imap.getMailboxLock(MAILBOX);
    } catch (error) {
      throw imapError(error, deps.imap, `opening ${MAILBOX}`);
    }
    try {
      return await syncMailbox(imap);
    } catch (error) {
      throw imapError(error, deps.imap, `reading ${MAILBOX}`);
    } finally {
      lock.release();
    }
  }

  async function syncMailbox(imap: ImapFlow): Promise<number> {
    if (!imap.mailbox) throw new DataError(`${MAILBOX} could not be opened on ${deps.imap.host}`);
    // A selected mailbox learns of mail delivered since the last command only when it syncs; NOOP does that.
    await imap.noop();
    const uidValidity = String(imap.mailbox.uidValidity);
    let cursor = await readImapCursor(deps.stateStore, stateKey);
    if (!cursor || cursor.uidValidity !== uidValidity) {
      // First sync, or the server renumbered the mailbox: start over; the core deduplicates by Message-ID.
      cursor = {
        uidValidity,
        lastUid: 0,
        phase: "initial",
        initialUpTo: Math.max(0, imap.mailbox.uidNext - 1),
        since: new Date(deps.now().getTime() - deps.initialSyncDays * DAY_MS).toISOString(),
      };
      await writeImapCursor(deps.stateStore, stateKey, cursor);
    }

    const candidates = await searchNew(imap, cursor);
    const batch = candidates.slice(0, MAX_MESSAGES_PER_PASS);
    const filed = await fileMessages(imap, batch, cursor);
    if (cursor.phase === "initial" && candidates.length <= MAX_MESSAGES_PER_PASS) {
      cursor = { ...cursor, phase: "incremental", lastUid: Math.max(cursor.lastUid, cursor.initialUpTo) };
      await writeImapCursor(deps.stateStore, stateKey, cursor);
    }
    if (candidates.length > MAX_MESSAGES_PER_PASS) again = true;
    return filed;
  }

  async function searchNew(imap: ImapFlow, cursor: ImapCursor): Promise<number[]> {
    let found: number[] | false | undefined;
    if (cursor.phase === "initial") {
      if (cursor.initialUpTo <= cursor.lastUid) return [];
      found = await imap.search(
        { seen: false, since: new Date(cursor.since), uid: `${cursor.lastUid + 1}:${cursor.initialUpTo}` },
        { uid: true },
      );
    } else {
      found = await imap.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true });
    }
    if (found === false || found === undefined)
      throw new DataError(`the IMAP server refused to search ${MAILBOX}`);
    // `n:*` always includes the highest UID, even one below n (RFC 3501), so filter again.
    return found.filter((uid) => uid > cursor.lastUid).sort((a, b) => a - b);
  }

  async function fileMessages(imap: ImapFlow, uids: number[], cursor: ImapCursor): Promise<number> {
    if (uids.length === 0) return 0;
    const sizes = await imap.fetchAll(uids, { uid: true, size: true, internalDate: true }, { uid: true });
    const byUid = new Map(sizes.map((message) => [message.uid, message]));
    let filed = 0;
    let batch: number[] = [];
    let batchBytes = 0;

    const flush = async () => {
      if (batch.length === 0) return;
      const messages = await imap.fetchAll(
        batch,
        { uid: true, source: true, internalDate: true },
        { uid: true },
      );
      messages.sort((a, b) => a.uid - b.uid);
      // The cursor moves only once the whole batch is filed, so a crash part-way files none twice
      // (the core deduplicates by source and id) and loses none.
      const worker = async () => {
        for (let message = messages.shift(); message !== undefined; message = messages.shift()) {
          const created = await fileOne(cursor, message, message.source);
          filed += created;
        }
      };
      await Promise.all(Array.from({ length: FILE_CONCURRENCY }, worker));
      cursor.lastUid = Math.max(cursor.lastUid, ...batch);
      await writeImapCursor(deps.stateStore, stateKey, cursor);
      batch = [];
      batchBytes = 0;
    };

    for (const uid of uids) {
      const meta = byUid.get(uid);
      if (!meta) continue; // expunged between SEARCH and FETCH
      const size = meta.size ?? 0;
      if (size > deps.limits.maxMessageBytes) {
        await flush();
        const oversized = await fetchOversizedMessage(imap, uid, size, deps.limits.maxMessageBytes);
        filed += await fileOne(cursor, meta, oversized.raw, oversized.attachments);
        cursor.lastUid = Math.max(cursor.lastUid, uid);
        await writeImapCursor(deps.stateStore, stateKey, cursor);
        continue;
      }
      if (batchBytes + size > FETCH_BATCH_BYTES) await flush();
      batch.push(uid);
      batchBytes += size;
    }
    await flush();
    return filed;
  }

  async function fileOne(
    cursor: ImapCursor,
    message: FetchMessageObject,
    source: Buffer | undefined,
    unsavedAttachments?: Parameters<typeof fileEmailMessage>[1]["unsavedAttachments"],
  ): Promise<number> {
    if (!source) return 0;
    const received = message.internalDate ? new Date(message.internalDate) : undefined;
    const emailId = `${MAILBOX}:${cursor.uidValidity}:${message.uid}`;
    const outcome = await fileEmailMessage(source, {
      source: name,
      domain: deps.account.domain,
      limits: deps.limits,
      now: deps.now,
      ...(received && !Number.isNaN(received.getTime()) ? { received } : {}),
      fields: { email_id: emailId, mailbox: MAILBOX, uid: message.uid },
      sink: deps.sink,
      quarantineName: `${slug(name)}-uid-${message.uid}.eml`,
      ...(unsavedAttachments ? { unsavedAttachments } : {}),
    });
    return outcome === "created" ? 1 : 0;
  }

  function runPass(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      // A backlog, or mail that arrived during a pass, is taken at once by the next pass.
      do {
        again = false;
        total += await pass();
      } while (again);
      return total;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    name,
    pollIntervalSeconds: deps.pollSeconds,
    poll: runPass,
    async listen(signal: AbortSignal): Promise<void> {
      if (signal.aborted) return;
      const imap = await connection();
      await runPass();
      await new Promise<void>((resolve, reject) => {
        let finished = false;
        const finish = (error?: unknown) => {
          if (finished) return;
          finished = true;
          clearInterval(timer);
          imap.off("exists", trigger);
          imap.off("close", onClose);
          signal.removeEventListener("abort", onAbort);
          if (error === undefined) resolve();
          else reject(error instanceof Error ? error : new Error("the IMAP watcher stopped"));
        };
        const trigger = () => void runPass().catch(finish);
        const onClose = () =>
          finish(
            new TransientError(
              `the IMAP connection to ${deps.imap.host} closed; the watcher reconnects when restarted`,
            ),
          );
        const onAbort = () => finish();
        // IDLE pushes new mail ('exists'); the interval is the fallback for servers or networks that drop it.
        const timer = setInterval(trigger, deps.pollSeconds * 1000);
        imap.on("exists", trigger);
        imap.on("close", onClose);
        signal.addEventListener("abort", onAbort, { once: true });
      });
    },
    async close(): Promise<void> {
      await running?.catch(() => undefined);
      if (client) await closeImap(client);
      client = undefined;
    },
  };
}
