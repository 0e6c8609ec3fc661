import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeGmail, type FakeGmail } from "../../../test/fakes/gmail/fake-gmail-server.js";
import { AuthError } from "../../governance/errors/auth-error.js";
import { RateLimitError } from "../../governance/errors/rate-limit-error.js";
import { TransientError } from "../../governance/errors/transient-error.js";
import { createStateStore, type StateStore } from "../../vault/state-store.js";
import type { InboundItem, TaskSink } from "../inbound-item.js";
import type { GmailSettings } from "./email-account-config.js";
import { emailLimits } from "./email-limits.js";
import { createGmailClient } from "./gmail-client.js";
import { createGmailEmailReader } from "./gmail-email-reader.js";
import { createGmailEmailSender } from "./gmail-email-sender.js";
import { createGmailWatcher, GMAIL_FETCH_CONCURRENCY } from "./gmail-watcher.js";

const DAY_MS = 24 * 60 * 60 * 1000;

async function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer({ from: "Ana Client <ana@client.example>", to: "me@personal.example", ...options })
    .compile()
    .build();
}

let gmail: FakeGmail;
let server: { url: string; close: () => Promise<void> };
let directory: string;
let state: StateStore;
let submitted: InboundItem[];
const seen = new Set<string>();

const sink: TaskSink = {
  async submit(item) {
    const created = !seen.has(item.externalId);
    seen.add(item.externalId);
    if (created) submitted.push(item);
    return { created, id: `task-${seen.size}` };
  },
  async quarantine() {},
  async saveAttachment(source, name) {
    return `Attachments/${source}/${name}`;
  },
};

beforeEach(async () => {
  gmail = createFakeGmail({
    emailAddress: "me@personal.example",
    refreshToken: "1//refresh-abc",
    clientSecret: "client-secret-xyz",
  });
  server = await gmail.start();
  directory = await mkdtemp(path.join(tmpdir(), "gmail-"));
  state = createStateStore(path.join(directory, "state"));
  submitted = [];
  seen.clear();
});

afterEach(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

function settings(overrides: Partial<GmailSettings> = {}): GmailSettings {
  return {
    clientId: "client-id.apps.googleusercontent.com",
    clientSecret: "client-secret-xyz",
    refreshToken: "1//refresh-abc",
    apiBaseUrl: server.url,
    oauthUrl: `${server.url}/token`,
    query: "is:unread is:important",
    ...overrides,
  };
}

function client(overrides: Partial<GmailSettings> = {}) {
  return createGmailClient({ settings: settings(overrides), fetch, now: () => new Date() });
}

function watcher(gmailClient = client()) {
  return createGmailWatcher({
    account: { name: "personal", domain: "personal" },
    client: gmailClient,
    query: "is:unread is:important",
    limits: emailLimits(1024 * 1024),
    initialSyncDays: 7,
    pollSeconds: 120,
    stateStore: state,
    sink,
    now: () => new Date(),
  });
}

describe("Gmail watcher against the fake Gmail API", () => {
  it("files matching mail of the last days first, then what history.list adds", async () => {
    gmail.mailbox.deliver(
      await compose({ subject: "Quote please", text: "3 days?", messageId: "<q1@client.example>" }),
    );
    gmail.mailbox.deliver(await compose({ subject: "Newsletter", text: "promo" }), {
      labelIds: ["INBOX", "UNREAD"],
    });
    gmail.mailbox.deliver(await compose({ subject: "Old", text: "last month" }), {
      internalDate: new Date(Date.now() - 10 * DAY_MS),
    });

    const gmailWatcher = watcher();
    expect(await gmailWatcher.poll()).toBe(1);
    expect(submitted[0]).toMatchObject({
      type: "email",
      source: "gmail:personal",
      externalId: "<q1@client.example>",
      from: "ana@client.example",
      subject: "Quote please",
      domain: "personal",
      body: "3 days?",
    });
    const firstId = gmail.mailbox.search("subject:quote", false)[0]?.id;
    expect(submitted[0]?.fields).toMatchObject({ gmail_id: firstId, email_id: firstId, thread: firstId });
    expect(await gmailWatcher.poll()).toBe(0);

    gmail.mailbox.deliver(await compose({ subject: "Invoice overdue", text: "please pay" }));
    gmail.mailbox.deliver(await compose({ subject: "Another newsletter", text: "promo" }), {
      labelIds: ["INBOX", "UNREAD"],
    });
    expect(await gmailWatcher.poll()).toBe(1);
    expect(submitted.map((item) => item.subject)).toEqual(["Quote please", "Invoice overdue"]);
    const historyCalls = gmail.calls.filter((call) => call.path.endsWith("/history"));
    expect(historyCalls.at(-1)?.query).toMatchObject({ historyTypes: ["messageAdded"], labelId: ["INBOX"] });
  });

  it("downloads a first sync's messages a few at a time, and files each once", async () => {
    for (let index = 0; index < 12; index += 1) {
      gmail.mailbox.deliver(
        await compose({
          subject: `Request ${index}`,
          text: "hello",
          messageId: `<r${index}@client.example>`,
        }),
      );
    }
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      const downloading = /\/messages\/[^/?]+\?/.test(url);
      if (downloading) most = Math.max(most, (inFlight += 1));
      try {
        return await fetch(input, init);
      } finally {
        if (downloading) inFlight -= 1;
      }
    };
    const gmailClient = createGmailClient({ settings: settings(), fetch: counting, now: () => new Date() });
    expect(await watcher(gmailClient).poll()).toBe(12);
    expect(new Set(submitted.map((item) => item.externalId)).size).toBe(12);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(GMAIL_FETCH_CONCURRENCY);
  });

  it("syncs in full when Google answers 404 for a stale historyId, filing nothing twice", async () => {
    gmail.mailbox.deliver(
      await compose({ subject: "First", text: "1", messageId: "<first@client.example>" }),
    );
    const gmailWatcher = watcher();
    expect(await gmailWatcher.poll()).toBe(1);
    await gmailWatcher.poll();

    gmail.mailbox.expireHistory();
    gmail.mailbox.deliver(await compose({ subject: "Second", text: "2" }));
    expect(await gmailWatcher.poll()).toBe(1);
    expect(submitted.map((item) => item.subject)).toEqual(["First", "Second"]);
    expect(gmail.calls.filter((call) => call.path.endsWith("/profile"))).toHaveLength(2);
    const cursor = await state.read<{ historyId: string; phase: string }>("email-gmail-personal");
    expect(cursor).toMatchObject({ phase: "incremental", historyId: String(gmail.mailbox.historyId) });
  });

  it("refreshes a revoked access token once, and maps a refused refresh token to AuthError without the secret", async () => {
    gmail.mailbox.deliver(await compose({ subject: "Hello", text: "hi" }));
    const gmailClient = client();
    const gmailWatcher = watcher(gmailClient);
    await gmailWatcher.poll();
    gmail.revokeAccessTokens();
    await gmailWatcher.poll();
    expect(gmail.tokenRequests).toHaveLength(2);

    const refused = watcher(client({ refreshToken: "1//revoked-refresh-token" }));
    const error = await refused.poll().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain("invalid_grant");
    expect((error as Error).message).toContain("ai-employee auth gmail");
    expect((error as Error).message).not.toContain("revoked-refresh-token");
  });

  it("maps 429 with Retry-After to RateLimitError and 503 to TransientError", async () => {
    const gmailWatcher = watcher();
    gmail.failNext({ status: 429, retryAfter: "120" });
    const limited = await gmailWatcher.poll().catch((caught: unknown) => caught);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(120_000);
    expect((limited as RateLimitError).resetAt?.getTime()).toBeGreaterThan(Date.now() + 100_000);

    gmail.failNext({ status: 503 });
    const unavailable = await gmailWatcher.poll().catch((caught: unknown) => caught);
    expect(unavailable).toBeInstanceOf(TransientError);
    expect(unavailable).not.toBeInstanceOf(RateLimitError);
    expect(await gmailWatcher.poll()).toBe(0);
  });
});

describe("Gmail sending, drafts and reading against the fake", () => {
  function sender() {
    return createGmailEmailSender({
      client: client(),
      from: undefined,
      vaultRoot: undefined,
      maxAttachmentBytes: 1024 * 1024,
      now: () => new Date(),
    });
  }

  it("sends raw RFC 2822, threads a reply into the same conversation, and saves drafts", async () => {
    const original = gmail.mailbox.deliver(
      await compose({
        subject: "Quote please",
        text: "3 days?",
        messageId: "<q1@client.example>",
        references: "<root@client.example>",
      }),
    );
    const gmailSender = sender();
    const sent = await gmailSender.send({
      to: ["bob@partner.example"],
      bcc: ["audit@business.example"],
      subject: "Hello",
      text: "Hi Bob",
    });
    expect(sent.dryRun).toBe(false);
    const stored = gmail.mailbox.messages.get(
      gmail.calls.length > 0 ? [...gmail.mailbox.messages.keys()].at(-1)! : "",
    );
    const parsed = await simpleParser(stored!.raw);
    expect(parsed.from?.text).toBe("me@personal.example");
    expect(parsed.subject).toBe("Hello");
    expect(stored!.labelIds).toEqual(["SENT"]);

    const reply = await gmailSender.reply({
      to: ["ana@client.example"],
      subject: "Quote please",
      text: "Here is the quote.",
      thread: {
        inReplyTo: "<q1@client.example>",
        references: ["<root@client.example>"],
        threadId: original.threadId,
      },
    });
    expect(reply.threadId).toBe(original.threadId);
    const replied = await simpleParser(
      gmail.mailbox.messages.get([...gmail.mailbox.messages.keys()].at(-1)!)!.raw,
    );
    expect(replied.subject).toBe("Re: Quote please");
    expect(replied.inReplyTo).toBe("<q1@client.example>");
    expect(replied.references).toEqual(["<root@client.example>", "<q1@client.example>"]);

    const draft = await gmailSender.draft({
      to: ["ana@client.example"],
      bcc: ["audit@business.example"],
      subject: "Quote please",
      text: "Draft of the quote",
      thread: { inReplyTo: "<q1@client.example>", threadId: original.threadId },
    });
    expect(draft.draftId).toMatch(/^r\d+/);
    expect(draft.threadId).toBe(original.threadId);
    const drafted = gmail.mailbox.messages.get(gmail.drafts.get(draft.draftId!)!);
    expect(drafted?.labelIds).toEqual(["DRAFT"]);
    expect((await simpleParser(drafted!.raw)).bcc).toBeDefined();
    const sendCall = gmail.calls.find((call) => call.path.endsWith("/messages/send"));
    expect(sendCall?.body).toMatchObject({ raw: expect.stringMatching(/^[A-Za-z0-9_-]+$/) });
  });

  it("searches, reads and lists sent recipients", async () => {
    gmail.mailbox.deliver(
      await compose({
        subject: "Invoice 42",
        text: "<b>ignored</b> please pay",
        messageId: "<inv@client.example>",
      }),
    );
    gmail.mailbox.deliver(
      await compose({
        from: "me@personal.example",
        to: "Ana@Client.example",
        cc: "bob@partner.example",
        subject: "Sent one",
        text: "x",
      }),
      { labelIds: ["SENT"] },
    );
    const reader = createGmailEmailReader({
      account: { name: "personal" },
      client: client(),
      limits: emailLimits(1024 * 1024),
      now: () => new Date(),
    });
    const results = await reader.search({ subject: "invoice", limit: 10 });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      from: "ana@client.example",
      subject: "Invoice 42",
      unread: true,
      messageId: "<inv@client.example>",
    });
    expect(gmail.calls.find((call) => call.path.endsWith("/messages") && call.query.q)?.query.q).toEqual([
      "in:inbox subject:invoice",
    ]);

    const content = await reader.read(results[0]!.id);
    expect(content).toMatchObject({
      subject: "Invoice 42",
      messageId: "<inv@client.example>",
      thread: results[0]!.threadId,
    });
    expect(content.body).toContain("please pay");
    expect(await reader.sentRecipients()).toEqual(["ana@client.example", "bob@partner.example"]);
  });
});
