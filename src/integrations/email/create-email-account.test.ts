import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOutbox } from "../../vault/outbox.js";
import { createStateStore } from "../../vault/state-store.js";
import type { TaskSink } from "../inbound-item.js";
import { readEmailAccounts, type EmailAccount } from "./email-account-config.js";
import {
  createEmailAccount,
  createOutboxOnlyEmailAccount,
  type EmailAccountDeps,
} from "./create-email-account.js";

let vault: string;
const now = () => new Date("2026-03-02T10:00:00Z");
const sink: TaskSink = {
  submit: async () => ({ created: true, id: "t" }),
  quarantine: async () => undefined,
  saveAttachment: async () => "",
};

beforeEach(async () => {
  vault = await mkdtemp(path.join(tmpdir(), "email-account-"));
});

afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

function deps(dryRun: boolean): EmailAccountDeps {
  return {
    stateStore: createStateStore(path.join(vault, ".ai-employee", "state")),
    sink,
    outbox: createOutbox(vault, now),
    vaultRoot: vault,
    now,
    fetch,
    dryRun,
  };
}

function configured(env: Record<string, string>): EmailAccount[] {
  return readEmailAccounts(env).flatMap((entry) => (entry.status === "configured" ? [entry.config] : []));
}

describe("createEmailAccount", () => {
  const env = {
    IMAP_HOST: "127.0.0.1",
    IMAP_USER: "me@business.example",
    IMAP_PASSWORD: "pw",
    SMTP_HOST: "127.0.0.1",
    GMAIL_CLIENT_ID_2: "id",
    GMAIL_CLIENT_SECRET_2: "secret",
    GMAIL_REFRESH_TOKEN_2: "refresh",
    EMAIL_DOMAIN_2: "personal",
  };

  it("wires an IMAP watcher and reader, and a Gmail one, per account", async () => {
    const wired = configured(env).map((account) => createEmailAccount(account, deps(false)));
    expect(
      wired.map((account) => [account.name, account.watcher?.name, account.watcher?.pollIntervalSeconds]),
    ).toEqual([
      ["business", "imap:business", 120],
      ["personal", "gmail:personal", 120],
    ]);
    expect(typeof wired[0]?.watcher?.listen).toBe("function");
    expect(wired.every((account) => account.reader !== undefined)).toBe(true);
    expect(wired[1]?.toolAccount).toMatchObject({ name: "personal", domain: "personal" });
    for (const account of wired) await account.close();
  });

  it("renders to the Outbox in a dry run, and when an account has no way to send", async () => {
    const [business] = configured(env).map((account) => createEmailAccount(account, deps(true)));
    const delivery = await business!.sender.send({ to: ["ana@client.example"], subject: "Hi", text: "x" });
    expect(delivery).toMatchObject({ dryRun: true, outboxPath: expect.stringMatching(/^Outbox\//) });

    const [readOnly] = configured({ IMAP_HOST: "127.0.0.1", IMAP_USER: "me", IMAP_PASSWORD: "pw" }).map(
      (account) => createEmailAccount(account, deps(false)),
    );
    expect((await readOnly!.sender.draft({ to: ["a@b.example"], subject: "s", text: "t" })).dryRun).toBe(
      true,
    );

    const none = createOutboxOnlyEmailAccount({
      outbox: createOutbox(vault, now),
      vaultRoot: vault,
      now,
      maxAttachmentBytes: 1024,
    });
    expect(none).toMatchObject({ name: "business", reader: undefined });
    expect((await none.sender.send({ to: ["a@b.example"], subject: "s", text: "t" })).dryRun).toBe(true);
  });
});
