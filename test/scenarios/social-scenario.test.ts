/**
 * Issue 9's scenario through the built CLI: a mention on X (a fake X API v2) becomes an `x_mention`
 * task in one pass, with a reply post waiting for approval (social replies always need a person); once
 * approved, the second pass posts exactly one reply to that mention.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, list, read, runCli, tempVault } from "../support/cli.js";
import { createFakeXServer } from "../fakes/x/fake-x-server.js";
import { frontMatter } from "../support/front-matter.js";

const ACCESS_TOKEN = "x-test-access-token";

describe("X end to end: a mention in, approval, one reply out", () => {
  const x = createFakeXServer({ accessToken: ACCESS_TOKEN });
  let server: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    server = await x.start();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("replies to a mention once a person approves", { timeout: 120_000 }, async () => {
    x.addUser({ id: "2001", username: "curious_dev", name: "Curious Dev" });
    const mentionId = x.addMention("2001", "@acme_studio do you also build online shops? Love your work!");
    const vault = await tempVault();
    const env = cleanEnv({
      AI_EMPLOYEE_VAULT: vault,
      DRY_RUN: "false",
      X_ACCESS_TOKEN: ACCESS_TOKEN,
      X_API_BASE_URL: server.url,
    });
    expect((await runCli(["init"], { env })).code).toBe(0);

    const first = await runCli(["run", "--once"], { env });
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    const waiting = await list(vault, "In_Progress/local");
    expect(waiting).toHaveLength(1);
    const task = frontMatter(await read(vault, `In_Progress/local/${waiting[0]}`));
    expect(task).toMatchObject({ type: "x_mention", tweet_id: mentionId, status: "awaiting_approval" });

    const requests = await list(vault, "Pending_Approval");
    expect(requests).toHaveLength(1);
    const request = frontMatter(await read(vault, `Pending_Approval/${requests[0]}`));
    expect(request).toMatchObject({ tool: "post_x", status: "pending", task: task.id });
    // social_reply: a reply always waits for a person, whoever wrote.
    expect(request.risk).toEqual(expect.arrayContaining(["reply_or_dm", "from_untrusted_content"]));
    expect(x.createdPosts()).toHaveLength(0);

    expect((await runCli(["approve", String(request.id)], { env })).code).toBe(0);
    const second = await runCli(["run", "--once"], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/1 executed/);

    const posts = x.createdPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.referenced_tweets).toEqual([{ type: "replied_to", id: mentionId }]);
    expect(x.calls.filter((call) => call.method === "POST" && call.path === "/2/tweets")).toHaveLength(1);
    expect(await list(vault, "Outbox")).toEqual([]);
    expect(await list(vault, "In_Progress/local")).toEqual([]);
    expect(frontMatter(await read(vault, `Done/${waiting[0]}`))).toMatchObject({ status: "done" });
  });
});
