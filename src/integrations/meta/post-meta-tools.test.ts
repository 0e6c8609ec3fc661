import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LogicError } from "../../governance/errors/logic-error.js";
import { createOutbox } from "../../vault/outbox.js";
import { createOutboxFacebookPoster } from "./outbox-facebook-poster.js";
import { createOutboxInstagramPoster } from "./outbox-instagram-poster.js";
import { createPostFacebookTool } from "./post-facebook-tool.js";
import { createPostInstagramTool } from "./post-instagram-tool.js";

const NOW = new Date("2026-11-20T10:00:00.000Z");
const signal = new AbortController().signal;
let vault: string;
beforeEach(async () => {
  vault = await mkdtemp(path.join(tmpdir(), "meta-tools-"));
});
afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

describe("post_facebook tool", () => {
  const tool = () =>
    createPostFacebookTool({
      poster: createOutboxFacebookPoster(
        createOutbox(vault, () => NOW),
        () => NOW,
      ),
    });

  it("marks a post scheduled only when it has a scheduled time, and lists its links", () => {
    const now = tool().input.parse({
      message: "See https://acme.example/blog",
      link: "https://acme.example/work",
    });
    expect(tool().facts!(now)).toEqual({
      category: "social_post",
      recipients: ["facebook"],
      scheduled: false,
      links: ["https://acme.example/blog", "https://acme.example/work"],
      summary: 'Facebook Page post: "See https://acme.example/blog"',
    });
    const later = tool().input.parse({ message: "Later", scheduled_publish_time: "2026-11-21T09:00:00Z" });
    expect(tool().facts!(later)).toMatchObject({
      scheduled: true,
      summary: expect.stringContaining("scheduled for 2026-11-21T09:00:00Z"),
    });
  });

  it("rejects a link together with an image, and times without an offset", () => {
    expect(() =>
      tool().input.parse({ message: "x", link: "https://a.example", image_url: "https://b.example/i.jpg" }),
    ).toThrow(/cannot be combined/);
    expect(() => tool().input.parse({ message: "x", scheduled_publish_time: "tomorrow" })).toThrow();
  });

  it("renders a scheduled post to the Outbox in dry run, after checking the schedule window", async () => {
    const result = await tool().run(
      tool().input.parse({ message: "Launch on Friday", scheduled_publish_time: "2026-11-21T09:00:00Z" }),
      signal,
    );
    expect(result.dryRun).toBe(true);
    expect(result.text).toMatch(/^Dry run/);
    const content = await readFile(path.join(vault, result.data!.outboxPath as string), "utf8");
    expect(content).toContain("network: facebook");
    expect(content).toContain("scheduled_publish_time: 2026-11-21T09:00:00.000Z");
    expect(content).toContain("```text\nLaunch on Friday\n```");
    await expect(
      tool().run(
        tool().input.parse({ message: "Too soon", scheduled_publish_time: "2026-11-20T10:05:00Z" }),
        signal,
      ),
    ).rejects.toBeInstanceOf(LogicError);
  });
});

describe("post_instagram tool", () => {
  const tool = () =>
    createPostInstagramTool({ poster: createOutboxInstagramPoster(createOutbox(vault, () => NOW)) });

  it("needs a public https image and keeps Instagram's caption limits", () => {
    expect(() => tool().input.parse({ image_url: "http://cdn.example/a.jpg", caption: "x" })).toThrow();
    const tags = Array.from({ length: 31 }, (_, index) => `#tag${index}`).join(" ");
    expect(() => tool().input.parse({ image_url: "https://cdn.example/a.jpg", caption: tags })).toThrow(
      /30 hashtags/,
    );
    const args = tool().input.parse({ image_url: "https://cdn.example/a.jpg", caption: "New work #design" });
    expect(tool().facts!(args)).toEqual({
      category: "social_post",
      recipients: ["instagram"],
      scheduled: false,
      links: ["https://cdn.example/a.jpg"],
      summary: 'Instagram post: "New work #design"',
    });
  });

  it("renders to the Outbox in dry run", async () => {
    const result = await tool().run(
      tool().input.parse({ image_url: "https://cdn.example/a.jpg", caption: "New work #design" }),
      signal,
    );
    expect(result).toMatchObject({
      dryRun: true,
      data: { outboxPath: expect.stringMatching(/^Outbox\/.*INSTAGRAM_new-work-design\.md$/) },
    });
    const content = await readFile(path.join(vault, result.data!.outboxPath as string), "utf8");
    expect(content).toContain("image_url: https://cdn.example/a.jpg");
    expect(content).toContain("New work #design");
  });
});
