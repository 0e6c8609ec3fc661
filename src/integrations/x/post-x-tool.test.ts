import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataError } from "../../governance/errors/data-error.js";
import { parseNote } from "../../vault/note.js";
import { createOutbox } from "../../vault/outbox.js";
import { createOutboxXPoster } from "./outbox-x-poster.js";
import { createPostXTool } from "./post-x-tool.js";
import { createVaultMediaLoader } from "./vault-media-loader.js";
import type { XPostRequest, XPoster } from "./x-poster.js";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

let vault: string;
beforeEach(async () => {
  vault = await mkdtemp(path.join(tmpdir(), "x-tool-"));
  await mkdir(path.join(vault, "Attachments"), { recursive: true });
  await writeFile(path.join(vault, "Attachments", "logo.png"), PNG);
});
afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

const signal = new AbortController().signal;

describe("post_x tool", () => {
  it("derives policy facts: a post, a reply, and the links it would publish", () => {
    const tool = createPostXTool({
      poster: createOutboxXPoster(createOutbox(vault, () => new Date())),
      loadMedia: createVaultMediaLoader(vault),
    });
    expect(tool.effect).toBe("write");
    const post = tool.input.parse({ text: "Our new site: https://acme.example/work." });
    expect(tool.facts!(post)).toEqual({
      category: "social_post",
      recipients: ["x"],
      scheduled: false,
      links: ["https://acme.example/work"],
      summary: 'Post on X: "Our new site: https://acme.example/work."',
    });
    const reply = tool.input.parse({ text: "Thanks!", in_reply_to_tweet_id: "1800000000000000001" });
    expect(tool.facts!(reply)).toMatchObject({
      category: "social_reply",
      recipients: ["x"],
      scheduled: false,
      links: [],
    });
    expect(() => tool.input.parse({ text: "x", in_reply_to_tweet_id: "abc" })).toThrow();
    expect(() => tool.input.parse({ text: "   " })).toThrow();
  });

  it("renders the post to the Outbox in dry run, says so, and sends nothing", async () => {
    const tool = createPostXTool({
      poster: createOutboxXPoster(createOutbox(vault, () => new Date("2026-11-20T09:00:00Z"))),
      loadMedia: createVaultMediaLoader(vault),
    });
    const result = await tool.run(
      tool.input.parse({
        text: "Reply with ``` fences",
        in_reply_to_tweet_id: "123",
        media_paths: ["Attachments/logo.png"],
      }),
      signal,
    );
    expect(result.dryRun).toBe(true);
    expect(result.text).toMatch(/^Dry run/);
    const outboxPath = result.data!.outboxPath as string;
    expect(outboxPath).toMatch(/^Outbox\/2026-11-20T09-00-00-000Z_X_reply-with-fences\.md$/);
    const content = await readFile(path.join(vault, outboxPath), "utf8");
    expect(parseNote(content, outboxPath).data).toMatchObject({ in_reply_to_tweet_id: "123", dry_run: true });
    expect(content).toContain("````text\nReply with ``` fences\n````");
    expect(content).toContain("- logo.png (image/png)");
  });

  it("hands the real poster the text, the reply id and the loaded images", async () => {
    const requests: XPostRequest[] = [];
    const poster: XPoster = {
      async post(request) {
        requests.push(request);
        return { dryRun: false, id: "99", url: "https://x.com/i/web/status/99" };
      },
    };
    const tool = createPostXTool({ poster, loadMedia: createVaultMediaLoader(vault) });
    const result = await tool.run(
      tool.input.parse({ text: "Hi", media_paths: ["Attachments/logo.png"] }),
      signal,
    );
    expect(result).toEqual({
      text: "Published on X: https://x.com/i/web/status/99",
      data: { id: "99", url: "https://x.com/i/web/status/99" },
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.media![0]).toMatchObject({ name: "logo.png", mediaType: "image/png" });
    expect(Buffer.from(requests[0]!.media![0]!.data).equals(PNG)).toBe(true);
  });
});

describe("vault media loader", () => {
  it("refuses paths outside the vault, links out of it, and files that are not images", async () => {
    const load = createVaultMediaLoader(vault);
    await expect(load("../etc/passwd")).rejects.toBeInstanceOf(DataError);
    await expect(load("/etc/hostname")).rejects.toBeInstanceOf(DataError);
    await expect(load("Attachments/missing.png")).rejects.toBeInstanceOf(DataError);
    const outside = await mkdtemp(path.join(tmpdir(), "x-outside-"));
    await writeFile(path.join(outside, "secret.png"), PNG);
    await symlink(path.join(outside, "secret.png"), path.join(vault, "Attachments", "link.png"));
    await expect(load("Attachments/link.png")).rejects.toThrow(/outside the vault/);
    await writeFile(path.join(vault, "Attachments", "fake.png"), "not an image");
    await expect(load("Attachments/fake.png")).rejects.toThrow(/not a JPEG, PNG, WebP or GIF/);
    await rm(outside, { recursive: true, force: true });
  });
});
