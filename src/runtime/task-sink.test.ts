import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuditEvent } from "../governance/audit-entry.js";
import type { AuditLog } from "../governance/audit-log.js";
import { SAFE_DEFAULT } from "../governance/handbook.js";
import type { InboundItem } from "../integrations/inbound-item.js";
import { createNoteStore } from "../vault/note-store.js";
import { createSeenIndex } from "../vault/seen-index.js";
import { createTaskSink } from "./task-sink.js";

let vault: string;
beforeEach(async () => {
  vault = await mkdtemp(path.join(os.tmpdir(), "task-sink-"));
});
afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

const item: InboundItem = {
  type: "email",
  source: "imap:business",
  externalId: "<quote-1@client-a.example>",
  from: "ana@client-a.example",
  subject: "Quote request",
  received: "2026-11-26T10:00:00.000Z",
  body: "Could you send a quote for the website work?",
};

function sinkFor(events: AuditEvent[] = []) {
  const audit = { append: async (event: AuditEvent) => (events.push(event), {}) } as unknown as AuditLog;
  return createTaskSink({
    store: createNoteStore(vault),
    seen: createSeenIndex(path.join(vault, ".ai-employee", "seen")),
    audit,
    handbook: async () => SAFE_DEFAULT,
    now: () => new Date("2026-11-26T10:00:00.000Z"),
  });
}

describe("the task sink", () => {
  it("files an item once, however often it arrives, in this process or the next", async () => {
    const events: AuditEvent[] = [];
    const first = await sinkFor(events).submit(item);
    expect(first.created).toBe(true);
    expect(await sinkFor(events).submit(item)).toEqual({ created: false, id: first.id });
    expect(await readdir(path.join(vault, "Needs_Action"))).toEqual([`EMAIL_quote-request_${first.id}.md`]);
    // The same item twice at once (a file dropped twice): filed one after the other.
    const sink = sinkFor(events);
    const other = { ...item, externalId: "<quote-2@client-a.example>" };
    const both = await Promise.all([sink.submit(other), sink.submit(other)]);
    expect(both.map((result) => result.created)).toEqual([true, false]);
    expect(await readdir(path.join(vault, "Needs_Action"))).toHaveLength(2);
    expect(events.map((event) => event.action_type)).toEqual(["task_created", "task_created"]);
  });

  it("after a crash between the marker and the note, files the note under the name the marker gave", async () => {
    // The marker says the note is coming: the process died before writing it.
    const seen = createSeenIndex(path.join(vault, ".ai-employee", "seen"));
    const name = "EMAIL_quote-request_20261126-095959-0badcafe.md";
    await seen.add(`${item.source}\u0000${item.externalId}`, `pending ${name}`);
    const filed = await sinkFor().submit(item);
    expect(filed).toEqual({ created: true, id: "20261126-095959-0badcafe" });
    expect(await readdir(path.join(vault, "Needs_Action"))).toEqual([name]);
    expect(await seen.get(`${item.source}\u0000${item.externalId}`)).toBe("20261126-095959-0badcafe");
    expect(await sinkFor().submit(item)).toEqual({ created: false, id: "20261126-095959-0badcafe" });
  });
});
