/**
 * @module The Gmail watcher: polls the Gmail API. The first sync files the messages matching the query
 * (default `is:unread is:important`) from the last N days; after that, `history.list` from the persisted
 * historyId says what was added, and of those the ones the query still matches are filed. When Google
 * answers 404 for a stale historyId (kept about a week) the watcher syncs in full again; the core's
 * deduplication by Message-ID keeps that from filing anything twice.
 */
import { z } from "zod";
import { slug } from "../../vault/safe-name.js";
import type { StateStore } from "../../vault/state-store.js";
import type { TaskSink } from "../inbound-item.js";
import type { Watcher } from "../watcher.js";
import type { EmailLimits } from "./email-limits.js";
import { fileEmailMessage } from "./file-email-message.js";
import type { GmailClient } from "./gmail-client.js";
import { humanSize } from "./parse-email-message.js";

export interface GmailWatcherDeps {
  account: { name: string; domain: "personal" | "business" };
  client: GmailClient;
  query: string;
  limits: EmailLimits;
  initialSyncDays: number;
  pollSeconds: number;
  stateStore: StateStore;
  sink: TaskSink;
  now: () => Date;
}

const cursorSchema = z.object({
  historyId: z.string(),
  phase: z.enum(["initial", "incremental"]),
  pageToken: z.string().optional(),
});
type GmailCursor = z.infer<typeof cursorSchema>;

/** One pass files at most this many messages (Gmail's list page size cap is 500). */
export const GMAIL_MAX_MESSAGES_PER_PASS = 100;
/**
 * Messages downloaded and filed at once: a pass's round trips overlap, and five `messages.get` calls
 * in flight stay well inside Gmail's per-user quota (each costs 5 of the 250 units a second).
 */
export const GMAIL_FETCH_CONCURRENCY = 5;
/** History pages (500 records each) read in one pass; more changes than that is cheaper as a full sync. */
const MAX_HISTORY_PAGES = 10;
/** Headers kept when a message is too large to download whole. */
const METADATA_HEADERS = [
  "From",
  "To",
  "Cc",
  "Reply-To",
  "Subject",
  "Date",
  "Message-ID",
  "In-Reply-To",
  "References",
];

export function createGmailWatcher(deps: GmailWatcherDeps): Watcher {
  const name = `gmail:${deps.account.name}`;
  const stateKey = `email-gmail-${slug(deps.account.name)}`;
  let running: Promise<number> | undefined;

  async function readCursor(): Promise<GmailCursor | undefined> {
    const parsed = cursorSchema.safeParse(await deps.stateStore.read<unknown>(stateKey));
    return parsed.success ? parsed.data : undefined;
  }

  async function startOver(): Promise<GmailCursor> {
    // The history id is taken before listing, so mail arriving during the first sync shows up in history.
    const profile = await deps.client.getProfile();
    const cursor: GmailCursor = { historyId: profile.historyId, phase: "initial" };
    await deps.stateStore.write(stateKey, cursor);
    return cursor;
  }

  async function initialPass(cursor: GmailCursor): Promise<number> {
    const days = Math.max(1, Math.ceil(deps.initialSyncDays));
    const page = await deps.client.listMessages({
      q: `${deps.query} newer_than:${days}d`,
      maxResults: GMAIL_MAX_MESSAGES_PER_PASS,
      ...(cursor.pageToken ? { pageToken: cursor.pageToken } : {}),
    });
    // Gmail lists newest first; filing oldest first keeps the queue in arrival order.
    const filed = await fileAll(page.messages.map((message) => message.id).reverse());
    const next: GmailCursor = page.nextPageToken
      ? { ...cursor, pageToken: page.nextPageToken }
      : { historyId: cursor.historyId, phase: "incremental" };
    await deps.stateStore.write(stateKey, next);
    return filed;
  }

  async function incrementalPass(cursor: GmailCursor): Promise<number> {
    const added: string[] = [];
    let historyId = cursor.historyId;
    let pageToken: string | undefined;
    for (let page = 0; ; page += 1) {
      if (page === MAX_HISTORY_PAGES) return initialPass(await startOver());
      const history = await deps.client.listHistory({
        startHistoryId: cursor.historyId,
        labelId: "INBOX",
        ...(pageToken ? { pageToken } : {}),
      });
      if (history.status === "stale") return initialPass(await startOver());
      added.push(...history.added.map((message) => message.id));
      historyId = history.historyId;
      pageToken = history.nextPageToken;
      if (!pageToken) break;
    }
    let filed = 0;
    if (added.length > 0) {
      // history.list has no query filter; the newest messages matching the query say which additions count.
      const matching = await deps.client.listMessages({
        q: deps.query,
        maxResults: GMAIL_MAX_MESSAGES_PER_PASS,
      });
      const wanted = new Set(matching.messages.map((message) => message.id));
      filed = await fileAll([...new Set(added)].filter((id) => wanted.has(id)));
    }
    await deps.stateStore.write(stateKey, { historyId, phase: "incremental" } satisfies GmailCursor);
    return filed;
  }

  /** Files the messages; the caller moves its cursor only once every one of them is filed. */
  async function fileAll(ids: string[]): Promise<number> {
    const queue = ids.slice(0, GMAIL_MAX_MESSAGES_PER_PASS);
    let filed = 0;
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const created = await fileOne(id);
        filed += created;
      }
    };
    await Promise.all(Array.from({ length: GMAIL_FETCH_CONCURRENCY }, worker));
    return filed;
  }

  async function fileOne(id: string): Promise<number> {
    const fetched = await deps.client.getRawMessage(id, deps.limits.maxMessageBytes);
    let raw: Buffer;
    let threadId: string;
    let internalDate: string | undefined;
    let labels: string[];
    let unsaved: { name: string; path: undefined; size: number; mediaType: string; skipped: string }[] = [];
    if (fetched.status === "ok") {
      raw = fetched.raw;
      threadId = fetched.message.threadId;
      internalDate = fetched.message.internalDate;
      labels = fetched.message.labelIds ?? [];
    } else {
      const metadata = await deps.client.getMessageMetadata(id, METADATA_HEADERS);
      const size = metadata.sizeEstimate ?? deps.limits.maxMessageBytes;
      const headerLines = (metadata.payload?.headers ?? [])
        .filter((header) =>
          METADATA_HEADERS.some((wanted) => wanted.toLowerCase() === header.name.toLowerCase()),
        )
        .map((header) => `${header.name}: ${header.value.replace(/[\r\n]+/g, " ")}`);
      const note = `(This message is ${humanSize(size)}, over the download limit; only its preview is shown.)`;
      raw = Buffer.from(
        [
          ...headerLines,
          "MIME-Version: 1.0",
          "Content-Type: text/plain; charset=utf-8",
          "",
          `${metadata.snippet ?? ""}\n\n${note}`,
        ].join("\r\n"),
        "utf8",
      );
      threadId = metadata.threadId;
      internalDate = metadata.internalDate;
      labels = metadata.labelIds ?? [];
      unsaved = [
        {
          name: "(attachments)",
          path: undefined,
          size,
          mediaType: "application/octet-stream",
          skipped: `not downloaded: the message is ${humanSize(size)}, over the ${humanSize(deps.limits.maxMessageBytes)} download limit; open it in Gmail`,
        },
      ];
    }
    const received = internalDate ? new Date(Number(internalDate)) : undefined;
    const outcome = await fileEmailMessage(raw, {
      source: name,
      domain: deps.account.domain,
      limits: deps.limits,
      now: deps.now,
      ...(received && !Number.isNaN(received.getTime()) ? { received } : {}),
      thread: threadId,
      fields: { email_id: id, gmail_id: id, labels },
      sink: deps.sink,
      quarantineName: `${slug(name)}-${id}.eml`,
      ...(unsaved.length > 0 ? { unsavedAttachments: unsaved } : {}),
    });
    return outcome === "created" ? 1 : 0;
  }

  async function pass(): Promise<number> {
    const cursor = (await readCursor()) ?? (await startOver());
    return cursor.phase === "initial" ? initialPass(cursor) : incrementalPass(cursor);
  }

  return {
    name,
    pollIntervalSeconds: deps.pollSeconds,
    poll() {
      running ??= pass().finally(() => {
        running = undefined;
      });
      return running;
    },
    async close() {
      await running?.catch(() => undefined);
    },
  };
}
