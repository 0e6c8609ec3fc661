/**
 * Issue 9's scenario for Facebook, Instagram and LinkedIn through the built CLI, with DRY_RUN off and
 * each network pointed at its fake. Only X has a mentions watcher, so the post is filed the way an
 * outside client files it: the MCP server over stdio, called without an approval id (→ pending), then
 * `ai-employee approve`, then the same call with the id → exactly one post reaches the fake, logged, and
 * the request in `Done/`; the same id once more is refused.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeLinkedInServer } from "../fakes/linkedin/fake-linkedin-server.js";
import { createFakeGraphServer, FAKE_IG_USER_ID, FAKE_PAGE_ID } from "../fakes/meta/fake-graph-server.js";
import { CLI, cleanEnv, list, runCli, tempVault } from "../support/cli.js";
import { frontMatter } from "../support/front-matter.js";

const IMAGE = "https://images.example.com/launch.jpg";

const graph = createFakeGraphServer();
const linkedin = createFakeLinkedInServer();
let graphServer: { url: string; close: () => Promise<void> };
let linkedinServer: { url: string; close: () => Promise<void> };
const clients: Client[] = [];

// The built CLI (dist/) is what runs: `npm test` builds it first (`npx tsc -p tsconfig.build.json`).
beforeAll(async () => {
  graphServer = await graph.start();
  linkedinServer = await linkedin.start();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await graphServer?.close();
  await linkedinServer?.close();
});

function env(vault: string): Record<string, string> {
  return cleanEnv({
    AI_EMPLOYEE_VAULT: vault,
    DRY_RUN: "false",
    GRAPH_API_BASE_URL: `${graphServer.url}/v26.0`,
    FACEBOOK_PAGE_ID: FAKE_PAGE_ID,
    FACEBOOK_PAGE_TOKEN: "page-token",
    INSTAGRAM_USER_ID: FAKE_IG_USER_ID,
    INSTAGRAM_ACCESS_TOKEN: "ig-token",
    LINKEDIN_ACCESS_TOKEN: "linkedin-token",
    LINKEDIN_AUTHOR_URN: linkedin.authorUrn,
    LINKEDIN_API_BASE_URL: linkedinServer.url,
    LINKEDIN_VERSION: "202611",
  });
}

async function connect(vault: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, "mcp", "social", "--vault", vault],
    env: env(vault),
    stderr: "ignore",
  });
  const client = new Client({ name: "social-scenario", version: "1.0.0" });
  await client.connect(transport);
  clients.push(client);
  return client;
}

function text(result: CallToolResult): string {
  return result.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

async function logLines(vault: string): Promise<string> {
  const names = await readdir(path.join(vault, "Logs")).catch(() => [] as string[]);
  const texts = await Promise.all(
    names
      .filter((name) => name.endsWith(".json") || name.endsWith(".jsonl"))
      .map((name) => readFile(path.join(vault, "Logs", name), "utf8")),
  );
  return texts.join("\n");
}

const CASES = [
  {
    network: "Facebook",
    tool: "post_facebook",
    args: { message: "Our new studio opens on Monday. Come and say hello!" },
    published: () => [...graph.posts.values()].filter((post) => post.message?.includes("studio opens")),
  },
  {
    network: "Instagram",
    tool: "post_instagram",
    args: { image_url: IMAGE, caption: "Launch day at the studio #launch #studio" },
    published: () => [...graph.media.values()].filter((item) => item.caption?.includes("Launch day")),
  },
  {
    network: "LinkedIn",
    tool: "post_linkedin",
    args: { text: "We shipped Client B's new website this week. #webdesign" },
    published: () => [...linkedin.posts.values()].filter((post) => post.commentary.includes("Client B")),
  },
] as const;

describe("Facebook, Instagram and LinkedIn end to end: filed, approved, posted once", () => {
  it.each(CASES)(
    "$network: one post reaches the fake, only after approval",
    { timeout: 60_000 },
    async (c) => {
      if (c.tool === "post_instagram") graph.scriptContainer(IMAGE, ["FINISHED"]);
      const vault = await tempVault();
      expect((await runCli(["init"], { env: env(vault) })).code).toBe(0);
      const client = await connect(vault);

      const first = (await client.callTool({ name: c.tool, arguments: { ...c.args } })) as CallToolResult;
      expect(first.isError).toBeFalsy();
      const id = /pending approval (\S+):/.exec(text(first))?.[1];
      expect(id).toBeDefined();
      const [pending] = await list(vault, "Pending_Approval");
      const request = frontMatter(await readFile(path.join(vault, "Pending_Approval", pending!), "utf8"));
      expect(request).toMatchObject({ tool: c.tool, status: "pending", origin: "outside_client" });
      expect(c.published()).toHaveLength(0);

      const early = (await client.callTool({
        name: c.tool,
        arguments: { ...c.args, approval_id: id },
      })) as CallToolResult;
      expect(early.isError).toBe(true);
      expect(c.published()).toHaveLength(0);

      expect((await runCli(["approve", id!], { env: env(vault) })).code).toBe(0);
      const run = (await client.callTool({
        name: c.tool,
        arguments: { ...c.args, approval_id: id },
      })) as CallToolResult;
      expect(text(run)).not.toMatch(/dry run/i);
      expect(run.isError, text(run)).toBeFalsy();
      expect(text(run)).toMatch(new RegExp(`(Published|Scheduled) on (the )?${c.network}`));
      expect(c.published()).toHaveLength(1);
      expect(await list(vault, "Outbox")).toEqual([]);
      expect(await list(vault, "Done")).toContain(pending);
      expect(frontMatter(await readFile(path.join(vault, "Done", pending!), "utf8"))).toMatchObject({
        status: "executed",
      });
      expect(await logLines(vault)).toContain(id!);

      const again = (await client.callTool({
        name: c.tool,
        arguments: { ...c.args, approval_id: id },
      })) as CallToolResult;
      expect(again.isError).toBe(true);
      expect(text(again)).toMatch(/already/);
      expect(c.published()).toHaveLength(1);
    },
  );
});
