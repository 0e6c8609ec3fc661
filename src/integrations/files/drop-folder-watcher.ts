/**
 * @module The drop-folder watcher (real time, chokidar): a file put in `Inbox/` becomes a `file_drop`
 * task, and the file itself moves into the vault's `Attachments/files/`. A file counts as finished when
 * it has not changed for a few milliseconds (not chokidar's 2 s default); files that arrived while the
 * employee was down are picked up at start; the same content is never queued twice.
 */
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { watch, type FSWatcher } from "chokidar";
import type { InboundItem, TaskSink } from "../inbound-item.js";
import type { Watcher } from "../watcher.js";
import { safeFileName } from "../../vault/safe-name.js";
import { readFileFacts, type FileFacts } from "./file-facts.js";
import { readMessageHeaders } from "./message-headers.js";

/** A file unchanged for this long is finished being written. */
export const STABLE_MS = 5;
/** `.eml` files past this size are not MIME-parsed (a MIME bomb), only hashed and kept. */
const MAX_EML_BYTES = 10 * 1024 * 1024;
/** Folders dropped into the Inbox are walked this deep, no deeper. */
const MAX_DEPTH = 4;
const SOURCE = "files";
/** Files taken in at once when many were waiting: enough to overlap the fsyncs the planning thread also waits on. */
const POLL_CONCURRENCY = 48;
/**
 * Not drops: desktop junk and downloads still in progress (they are renamed when complete). Hostile
 * names such as `..evil` are drops like any other.
 */
const NOT_A_DROP =
  /^(\.DS_Store|\._.*|Thumbs\.db|desktop\.ini|.*\.(crdownload|part|partial|download)|\..*\.tmp)$/i;

function isDrop(name: string): boolean {
  return !NOT_A_DROP.test(name);
}

export interface DropFolderDeps {
  vaultRoot: string;
  sink: TaskSink;
  now(): Date;
  onError(error: unknown, file: string): void;
}

interface Pending {
  size: number;
  mtimeMs: number;
  timer: NodeJS.Timeout;
}

export function createDropFolderWatcher(deps: DropFolderDeps): Watcher {
  const inbox = path.join(deps.vaultRoot, "Inbox");
  const keep = path.join(deps.vaultRoot, "Attachments", "files");
  const pending = new Map<string, Pending>();
  const busy = new Set<string>();
  let watcher: FSWatcher | undefined;

  async function describe(
    file: string,
    facts: FileFacts,
    name: string,
  ): Promise<Pick<InboundItem, "from" | "fromName" | "subject" | "body" | "fields">> {
    const isEml = facts.mediaType === "message/rfc822" || path.extname(name).toLowerCase() === ".eml";
    if (isEml && facts.size <= MAX_EML_BYTES) {
      try {
        const { simpleParser } = await import("mailparser");
        const mail = await simpleParser(await readFile(file), {
          skipHtmlToText: false,
          skipImageLinks: true,
        });
        const sender = mail.from?.value[0];
        if (sender?.address) {
          return {
            from: sender.address.toLowerCase(),
            fromName: sender.name || undefined,
            subject: mail.subject ?? name,
            body: mail.text ?? "",
            fields: { triage: "message", file_name: name },
          };
        }
      } catch {
        // Not a parseable message: it is still a dropped file, described below.
      }
    }
    const headers = facts.isText ? readMessageHeaders(facts.head) : undefined;
    if (headers) {
      return {
        from: headers.from,
        fromName: headers.fromName,
        subject: headers.subject || name,
        body: headers.body,
        fields: { triage: "message", file_name: name },
      };
    }
    const body = facts.isText
      ? facts.excerpt
      : `(binary file, ${facts.mediaType}, ${facts.size} bytes: not quoted)`;
    return {
      from: "",
      fromName: undefined,
      subject: name,
      body,
      fields: { triage: "file", file_name: name },
    };
  }

  async function fileDrop(file: string): Promise<boolean> {
    const original = path.relative(inbox, file);
    const facts = await readFileFacts(file);
    const kept = path.join(keep, `${facts.sha256.slice(0, 12)}_${safeFileName(path.basename(file), 100)}`);
    const keptRelative = path.relative(deps.vaultRoot, kept).split(path.sep).join("/");
    const described = await describe(file, facts, path.basename(file));
    const result = await deps.sink.submit({
      type: "file_drop",
      source: SOURCE,
      externalId: facts.sha256,
      from: described.from,
      ...(described.fromName ? { fromName: described.fromName } : {}),
      subject: described.subject,
      received: deps.now().toISOString(),
      body: described.body,
      fields: {
        ...described.fields,
        original_name: original,
        size: facts.size,
        sha256: facts.sha256,
        media_type: facts.mediaType,
      },
      attachments: [
        { name: path.basename(kept), path: keptRelative, size: facts.size, mediaType: facts.mediaType },
      ],
    });
    // The note names `kept` before the file is there: a crash in between leaves the file in the Inbox,
    // and the next pass (a duplicate by content) moves it to the same place.
    const target = !result.created && existsSync(kept) ? `${kept}.duplicate-${Date.now()}` : kept;
    try {
      renameSync(file, target);
    } catch (error) {
      // The folder almost always exists: create it only when the move says it does not.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      mkdirSync(keep, { recursive: true });
      renameSync(file, target);
    }
    return result.created;
  }

  /** On every event: note the file's size and time now, and look again once it has been quiet. */
  function settle(file: string): void {
    const previous = pending.get(file);
    if (previous) clearTimeout(previous.timer);
    const entry: Pending = { size: -1, mtimeMs: -1, timer: setTimeout(() => void check(file), STABLE_MS) };
    pending.set(file, entry);
    void stat(file).then(
      (info) => {
        entry.size = info.size;
        entry.mtimeMs = info.mtimeMs;
      },
      () => undefined,
    );
  }

  async function check(file: string): Promise<void> {
    const entry = pending.get(file);
    if (!entry) return;
    let info;
    try {
      info = await stat(file);
    } catch {
      pending.delete(file);
      return;
    }
    if (info.size !== entry.size || info.mtimeMs !== entry.mtimeMs) {
      entry.size = info.size;
      entry.mtimeMs = info.mtimeMs;
      entry.timer = setTimeout(() => void check(file), STABLE_MS);
      return;
    }
    pending.delete(file);
    await handle(file);
  }

  async function handle(file: string): Promise<boolean> {
    if (busy.has(file)) return false;
    busy.add(file);
    try {
      return await fileDrop(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") deps.onError(error, file);
      return false;
    } finally {
      busy.delete(file);
    }
  }

  async function listFiles(directory: string, depth: number): Promise<string[]> {
    const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
    const files: string[] = [];
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isFile() && isDrop(entry.name)) files.push(full);
      else if (entry.isDirectory() && depth < MAX_DEPTH) files.push(...(await listFiles(full, depth + 1)));
    }
    return files;
  }

  return {
    name: "files",
    pollIntervalSeconds: undefined,
    async poll() {
      const files = await listFiles(inbox, 0);
      let created = 0;
      const worker = async () => {
        for (let file = files.shift(); file !== undefined; file = files.shift())
          if (await handle(file)) created += 1;
      };
      await Promise.all(Array.from({ length: POLL_CONCURRENCY }, worker));
      return created;
    },
    async listen(signal) {
      mkdirSync(inbox, { recursive: true });
      watcher = watch(inbox, {
        ignoreInitial: false,
        depth: MAX_DEPTH,
        ignored: (file, stats) => stats?.isFile() === true && !isDrop(path.basename(file)),
      });
      watcher
        .on("add", settle)
        .on("change", settle)
        .on("error", (error) => deps.onError(error, inbox));
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
      await this.close?.();
    },
    async close() {
      for (const entry of pending.values()) clearTimeout(entry.timer);
      pending.clear();
      await watcher?.close();
      watcher = undefined;
    },
  };
}
