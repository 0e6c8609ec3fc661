import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeXServer, type FakeXServer } from "../../../test/fakes/x/fake-x-server.js";
import type { InboundItem, TaskSink } from "../inbound-item.js";
import { createStateStore, type StateStore } from "../../vault/state-store.js";
import { createFileXTokenStore } from "./file-x-token-store.js";
import { createXMentionsWatcher, X_MENTIONS_FIRST_POLL_COUNT } from "./x-mentions-watcher.js";
import { createXSession } from "./x-session.js";

let fake: FakeXServer;
let server: { url: string; close: () => Promise<void> };
let directory: string;
let state: StateStore;
let submitted: InboundItem[];

const sink: TaskSink = {
  async submit(item) {
    submitted.push(item);
    return { created: true, id: `task-${submitted.length}` };
  },
  async quarantine() {},
  async saveAttachment() {
    return "";
  },
};

beforeEach(async () => {
  fake = createFakeXServer();
  server = await fake.start();
  directory = await mkdtemp(path.join(tmpdir(), "x-watcher-"));
  state = createStateStore(path.join(directory, "state"));
  submitted = [];
  fake.addUser({ id: "77", username: "client_ana", name: "Ana Client" });
});

afterEach(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

function watcher() {
  const session = createXSession({
    config: {
      accessToken: "fake-access-token",
      refreshToken: undefined,
      clientId: undefined,
      clientSecret: undefined,
      userId: undefined,
      apiBaseUrl: server.url,
      pollSeconds: 300,
    },
    tokenStore: createFileXTokenStore(path.join(directory, "tokens")),
    now: () => new Date(),
    sleep: async () => undefined,
  });
  return createXMentionsWatcher({ session, state, sink, pollIntervalSeconds: 300, now: () => new Date() });
}

const mentionCalls = () => fake.calls.filter((call) => call.route === "GET /2/users/:id/mentions");

describe("X mentions watcher", () => {
  it("turns each mention into an x_mention item from the @handle, oldest first", async () => {
    const first = fake.addMention("77", "@acme_studio do you do logo work?");
    const second = fake.addMention("77", "@acme_studio also, what are your rates?");
    const count = await watcher().poll();
    expect(count).toBe(2);
    expect(submitted.map((item) => item.externalId)).toEqual([first, second]);
    expect(submitted[0]).toMatchObject({
      type: "x_mention",
      source: "x",
      from: "@client_ana",
      fromName: "Ana Client",
      body: "@acme_studio do you do logo work?",
      domain: "business",
      fields: { tweet_id: first, author_id: "77", url: `https://x.com/client_ana/status/${first}` },
    });
    expect(mentionCalls()[0]!.query).toMatchObject({
      expansions: "author_id",
      "user.fields": "username,name",
    });
    expect(mentionCalls()[0]!.query.since_id).toBeUndefined();
  });

  it("persists since_id and files nothing twice across polls and restarts", async () => {
    fake.addMention("77", "@acme_studio one");
    const newest = fake.addMention("77", "@acme_studio two");
    expect(await watcher().poll()).toBe(2);
    expect(await state.read("x-mentions.1000")).toEqual({ sinceId: newest });

    // A new watcher (a restart) reads the cursor from the state store.
    expect(await watcher().poll()).toBe(0);
    expect(mentionCalls()[1]!.query.since_id).toBe(newest);

    const third = fake.addMention("77", "@acme_studio three");
    expect(await watcher().poll()).toBe(1);
    expect(submitted.map((item) => item.body)).toEqual([
      "@acme_studio one",
      "@acme_studio two",
      "@acme_studio three",
    ]);
    expect(await state.read("x-mentions.1000")).toEqual({ sinceId: third });
  });

  it("takes only the latest mentions on the very first poll, then pages through everything new", async () => {
    for (let index = 0; index < X_MENTIONS_FIRST_POLL_COUNT + 5; index += 1)
      fake.addMention("77", `@acme_studio old ${index}`);
    expect(await watcher().poll()).toBe(X_MENTIONS_FIRST_POLL_COUNT);
    expect(mentionCalls()).toHaveLength(1);

    for (let index = 0; index < 150; index += 1) fake.addMention("77", `@acme_studio new ${index}`);
    expect(await watcher().poll()).toBe(150);
    expect(mentionCalls()).toHaveLength(3);
    expect(new Set(submitted.map((item) => item.externalId)).size).toBe(submitted.length);
  });

  it("ignores the account's own posts that mention itself", async () => {
    fake.addOwnPost({ text: "@acme_studio note to self", mentions: ["1000"] });
    fake.addMention("77", "@acme_studio hello");
    expect(await watcher().poll()).toBe(1);
    expect(submitted[0]!.from).toBe("@client_ana");
  });

  it("does not move the cursor when handing a mention over fails", async () => {
    fake.addMention("77", "@acme_studio hello");
    const failing = createXMentionsWatcher({
      session: createXSession({
        config: {
          accessToken: "fake-access-token",
          refreshToken: undefined,
          clientId: undefined,
          clientSecret: undefined,
          userId: "1000",
          apiBaseUrl: server.url,
          pollSeconds: 300,
        },
        tokenStore: createFileXTokenStore(path.join(directory, "tokens")),
        now: () => new Date(),
        sleep: async () => undefined,
      }),
      state,
      sink: { ...sink, submit: () => Promise.reject(new Error("disk full")) },
      pollIntervalSeconds: 300,
      now: () => new Date(),
    });
    await expect(failing.poll()).rejects.toThrow("disk full");
    expect(await state.read("x-mentions.1000")).toBeUndefined();
    expect(await watcher().poll()).toBe(1);
  });
});
