import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  dovecotAvailable,
  startDovecot,
  type DovecotServer,
} from "../../../test/fakes/dovecot/dovecot-server.js";
import { createStateStore, type StateStore } from "../../vault/state-store.js";
import type { InboundItem, QuarantinedItem, TaskSink } from "../inbound-item.js";
import type { Watcher } from "../watcher.js";
import type { ImapSettings } from "./email-account-config.js";
import { emailLimits, type EmailLimits } from "./email-limits.js";
import { createImapWatcher, MAX_MESSAGES_PER_PASS } from "./imap-watcher.js";

const DAY_MS = 24 * 60 * 60 * 1000;

async function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer({ from: "Ana Client <ana@client.example>", to: "me@business.example", ...options })
    .compile()
    .build();
}

function recordingSink() {
  const submitted: InboundItem[] = [];
  const quarantined: QuarantinedItem[] = [];
  const saved: { source: string; name: string; size: number }[] = [];
  const seen = new Set<string>();
  const sink: TaskSink = {
    async submit(item) {
      const key = `${item.source}|${item.externalId}`;
      const created = !seen.has(key);
      seen.add(key);
      if (created) submitted.push(item);
      return { created, id: `task-${seen.size}` };
    },
    async quarantine(item) {
      quarantined.push(item);
    },
    async saveAttachment(source, name, content) {
      saved.push({ source, name, size: content.byteLength });
      return `Attachments/${source}/${name}`;
    },
  };
  return { sink, submitted, quarantined, saved };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!dovecotAvailable())(
  "IMAP watcher against a real Dovecot (skipped when /usr/sbin/dovecot is missing: apt-get install dovecot-imapd)",
  () => {
    let dovecot: DovecotServer;
    let account: { user: string; password: string };
    let directory: string;
    let state: StateStore;
    let recorder: ReturnType<typeof recordingSink>;
    const watchers: Watcher[] = [];

    // One server for the file; every test gets its own user, so its own empty mailbox.
    beforeAll(async () => {
      dovecot = await startDovecot();
    });

    afterAll(async () => {
      await dovecot?.close();
    });

    beforeEach(async () => {
      account = await dovecot.addUser();
      directory = await mkdtemp(path.join(tmpdir(), "imap-watcher-"));
      state = createStateStore(path.join(directory, "state"));
      recorder = recordingSink();
    });

    afterEach(async () => {
      for (const watcher of watchers.splice(0)) await watcher.close?.();
      await rm(directory, { recursive: true, force: true });
    });

    const deliver = (raw: string | Buffer, options: { flags?: string[]; date?: Date } = {}) =>
      dovecot.deliver(raw, { ...options, user: account.user });

    function settings(): ImapSettings {
      return {
        host: dovecot.host,
        port: dovecot.port,
        tls: "none",
        user: account.user,
        password: account.password,
      };
    }

    function watcher(limits: EmailLimits = emailLimits(1024 * 1024)): Watcher {
      const created = createImapWatcher({
        account: { name: "business", domain: "business" },
        imap: settings(),
        limits,
        initialSyncDays: 7,
        pollSeconds: 120,
        stateStore: state,
        sink: recorder.sink,
        now: () => new Date(),
      });
      watchers.push(created);
      return created;
    }

    it("files unseen mail of the last N days on the first sync, then every new message", async () => {
      await deliver(
        await compose({
          subject: "Quote please",
          text: "Can you quote 3 days of work?",
          messageId: "<quote-1@client.example>",
        }),
      );
      await deliver(await compose({ subject: "Already read", text: "old news" }), {
        flags: ["\\Seen"],
      });
      await deliver(await compose({ subject: "Too old", text: "from last month" }), {
        date: new Date(Date.now() - 30 * DAY_MS),
      });

      const imap = watcher();
      expect(await imap.poll()).toBe(1);
      expect(recorder.submitted.map((item) => item.subject)).toEqual(["Quote please"]);
      const [first] = recorder.submitted;
      expect(first).toMatchObject({
        type: "email",
        source: "imap:business",
        externalId: "<quote-1@client.example>",
        from: "ana@client.example",
        fromName: "Ana Client",
        domain: "business",
        body: "Can you quote 3 days of work?",
        fields: {
          to: ["me@business.example"],
          message_id: "<quote-1@client.example>",
          thread: "<quote-1@client.example>",
        },
      });
      expect(String(first?.fields?.email_id)).toMatch(/^INBOX:\d+:1$/);

      // New mail counts even when a phone has already marked it read.
      await deliver(await compose({ subject: "Follow-up", text: "any news?" }), {
        flags: ["\\Seen"],
      });
      expect(await imap.poll()).toBe(1);
      expect(recorder.submitted.map((item) => item.subject)).toEqual(["Quote please", "Follow-up"]);
      expect(await imap.poll()).toBe(0);
    });

    it("works off a backlog bigger than one pass in a single wake-up, each message once", async () => {
      const count = MAX_MESSAGES_PER_PASS + 25;
      for (let index = 0; index < count; index += 1) {
        await deliver(
          await compose({
            subject: `Backlog ${index}`,
            text: `message ${index}`,
            messageId: `<backlog-${index}@client.example>`,
          }),
        );
      }
      const imap = watcher();
      expect(await imap.poll()).toBe(count);
      const subjects = recorder.submitted.map((item) => item.subject);
      expect(new Set(subjects).size).toBe(count);
      expect(subjects).toContain(`Backlog ${count - 1}`);
      expect(await imap.poll()).toBe(0);
    });

    it("files nothing twice across a restart, and does not touch the mailbox", async () => {
      await deliver(await compose({ subject: "One", text: "1" }));
      await deliver(await compose({ subject: "Two", text: "2" }));
      const before = watcher();
      expect(await before.poll()).toBe(2);
      await before.close?.();

      const calls: string[] = [];
      const counting: TaskSink = {
        ...recorder.sink,
        submit: async (item) => {
          calls.push(item.subject);
          return recorder.sink.submit(item);
        },
      };
      const after = createImapWatcher({
        account: { name: "business", domain: "business" },
        imap: settings(),
        limits: emailLimits(1024 * 1024),
        initialSyncDays: 7,
        pollSeconds: 120,
        stateStore: state,
        sink: counting,
        now: () => new Date(),
      });
      watchers.push(after);
      expect(await after.poll()).toBe(0);
      expect(calls).toEqual([]);
      await deliver(await compose({ subject: "Three", text: "3" }));
      expect(await after.poll()).toBe(1);
      expect(calls).toEqual(["Three"]);
      const inbox = await dovecot.messages("INBOX", { user: account.user });
      expect(inbox.every((message) => !message.flags.includes("\\Seen"))).toBe(true);
    });

    it("resyncs when UIDVALIDITY changes", async () => {
      await deliver(await compose({ subject: "Before", text: "b", messageId: "<before@client.example>" }));
      const first = watcher();
      expect(await first.poll()).toBe(1);
      await first.close?.();
      const stored = await state.read<{ uidValidity: string }>("email-imap-business");
      const previous = await dovecot.uidValidity("INBOX", { user: account.user });
      expect(stored?.uidValidity).toBe(String(previous));

      await dovecot.setUidValidity("INBOX", previous + 1000, { user: account.user });
      await deliver(await compose({ subject: "After", text: "a" }));
      const calls: string[] = [];
      const second = createImapWatcher({
        account: { name: "business", domain: "business" },
        imap: settings(),
        limits: emailLimits(1024 * 1024),
        initialSyncDays: 7,
        pollSeconds: 120,
        stateStore: state,
        sink: {
          ...recorder.sink,
          submit: async (item) => {
            calls.push(item.subject);
            return recorder.sink.submit(item);
          },
        },
        now: () => new Date(),
      });
      watchers.push(second);
      // The full resync offers both again; the core's deduplication keeps the first one single.
      expect(await second.poll()).toBe(1);
      expect(calls).toEqual(["Before", "After"]);
      expect(recorder.submitted.map((item) => item.subject)).toEqual(["Before", "After"]);
      const resynced = await state.read<{ uidValidity: string }>("email-imap-business");
      expect(resynced?.uidValidity).toBe(String(previous + 1000));
    });

    it("picks up new mail over IDLE within seconds", async () => {
      const imap = watcher();
      const controller = new AbortController();
      // A failure of the listener is kept and checked at the end rather than left unhandled.
      const listening = imap.listen?.(controller.signal).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the first pass ran and IDLE started
      const sent = Date.now();
      await deliver(await compose({ subject: "Urgent", text: "call me" }));
      await waitFor(() => recorder.submitted.length === 1, 5_000);
      const latency = Date.now() - sent;
      expect(latency).toBeLessThan(3_000);
      controller.abort();
      expect(await listening).toBeUndefined();
    });

    it("keeps going through hostile mail: broken MIME, wrong charset, ../../x, oversized parts, a MIME bomb", async () => {
      const limits = { ...emailLimits(64 * 1024), maxMessageBytes: 512 * 1024 };
      await deliver(
        "From: a@client.example\r\nSubject: broken\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n--x--\r\n",
      );
      await deliver(
        Buffer.from(
          "From: b@client.example\r\nSubject: charset\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nh\xe9llo w\xf6rld\r\n",
          "latin1",
        ),
      );
      await deliver(
        await compose({
          subject: "traversal",
          text: "see attached",
          attachments: [
            { filename: "../../x", content: Buffer.from("payload") },
            { filename: "big.bin", content: Buffer.alloc(200 * 1024, 7) },
          ],
        }),
      );
      await deliver(
        await compose({
          subject: "huge",
          text: "the 2 MB file is attached",
          attachments: [
            {
              filename: "scan.pdf",
              content: Buffer.alloc(2 * 1024 * 1024, 1),
              contentType: "application/pdf",
            },
          ],
        }),
      );
      let bomb =
        "From: c@client.example\r\nSubject: bomb\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n";
      for (let index = 0; index < 500; index += 1)
        bomb += `--b\r\nContent-Type: text/plain\r\n\r\n${index}\r\n`;
      await deliver(`${bomb}--b--\r\n`);
      await deliver(await compose({ subject: "after the storm", text: "still here" }));

      const imap = watcher(limits);
      expect(await imap.poll()).toBe(4);
      expect(recorder.quarantined.map((item) => item.reason)).toEqual([
        expect.stringContaining("has no boundary"),
        expect.stringContaining("more than 200 MIME parts"),
      ]);
      expect(recorder.quarantined[0]?.name).toMatch(/^imap-business-uid-1\.eml$/);

      const bySubject = new Map(recorder.submitted.map((item) => [item.subject, item]));
      expect(bySubject.get("charset")?.body).toContain("llo w");
      const traversal = bySubject.get("traversal")?.attachments ?? [];
      expect(traversal.map((attachment) => attachment.name)).toEqual(["_.._x", "big.bin"]);
      expect(traversal[0]?.path).toBe("Attachments/imap:business/_.._x");
      expect(traversal[1]).toMatchObject({
        path: undefined,
        size: 200 * 1024,
        skipped: expect.stringContaining("attachment limit"),
      });
      expect(recorder.saved.map((file) => file.name)).toEqual(["_.._x"]);
      expect(recorder.saved.every((file) => !file.name.includes("/"))).toBe(true);

      const huge = bySubject.get("huge");
      expect(huge?.body).toBe("the 2 MB file is attached");
      expect(huge?.attachments).toEqual([
        expect.objectContaining({
          name: "scan.pdf",
          path: undefined,
          skipped: expect.stringContaining("download limit"),
        }),
      ]);
      expect(bySubject.has("after the storm")).toBe(true);
      expect(await imap.poll()).toBe(0);
    });
  },
);
