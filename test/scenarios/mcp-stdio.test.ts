/**
 * The action layer as an outside client sees it: the SDK's Client over stdio spawns the built CLI's MCP
 * servers, lists every server's tools, and a side-effecting call runs only once, only with a person's
 * approval of exactly that call.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, cleanEnv, list, NODE_FLAGS, runCli, tempVault } from "../support/cli.js";

const EXPECTED: Record<string, string[]> = {
  email: ["draft_email", "read_email", "reply_email", "search_email", "send_email"],
  whatsapp: ["list_chats", "send_whatsapp"],
  social: ["post_facebook", "post_instagram", "post_linkedin", "post_x", "social_summary"],
  odoo: [
    "create_invoice",
    "financial_summary",
    "find_partner",
    "get_invoice_pdf",
    "list_invoices",
    "post_invoice",
    "register_payment",
  ],
  browser: ["click", "fill_field", "open_page", "read_page", "screenshot", "submit_form"],
};

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

async function connect(server: string, vault: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, "mcp", server, "--vault", vault],
    env: cleanEnv(),
    stderr: "ignore",
  });
  const client = new Client({ name: "test-client", version: "1.0.0" });
  await client.connect(transport);
  clients.push(client);
  return client;
}

function text(result: CallToolResult): string {
  return result.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

describe("the MCP servers over stdio", () => {
  it("list their tools with schemas and annotations", { timeout: 60_000 }, async () => {
    const vault = await tempVault();
    await runCli(["init", "--vault", vault]);
    for (const [server, names] of Object.entries(EXPECTED)) {
      const { tools } = await (await connect(server, vault)).listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(names);
      for (const tool of tools) {
        expect(tool.annotations).toHaveProperty("readOnlyHint");
        expect(tool.description!.length).toBeGreaterThan(40);
        if (tool.annotations?.readOnlyHint === false && !["fill_field", "click"].includes(tool.name)) {
          expect(Object.keys(tool.inputSchema.properties ?? {})).toContain("approval_id");
        }
      }
    }
  });

  it(
    "start as `mcp-config` prints them, with the command's own Node flags",
    { timeout: 30_000 },
    async () => {
      const vault = await tempVault();
      await runCli(["init", "--vault", vault]);
      const printed = await runCli(["mcp-config", "--vault", vault]);
      const { mcpServers } = JSON.parse(printed.stdout) as {
        mcpServers: Record<string, { command: string; args: string[] }>;
      };
      expect(Object.keys(mcpServers).sort()).toEqual(
        Object.keys(EXPECTED)
          .map((name) => `ai-employee-${name}`)
          .sort(),
      );
      const email = mcpServers["ai-employee-email"]!;
      expect(NODE_FLAGS.length).toBeGreaterThan(0);
      expect(email.args).toEqual([...NODE_FLAGS, CLI, "mcp", "email", "--vault", vault]);
      const transport = new StdioClientTransport({
        command: email.command,
        args: email.args,
        env: cleanEnv(),
        stderr: "ignore",
      });
      const client = new Client({ name: "test-client", version: "1.0.0" });
      await client.connect(transport);
      clients.push(client);
      expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(EXPECTED.email);
    },
  );

  it("files a request, runs the approved call once, and refuses the rest", { timeout: 60_000 }, async () => {
    const vault = await tempVault();
    await runCli(["init", "--vault", vault]);
    const client = await connect("email", vault);
    const args = { to: ["ana@client-a.example"], subject: "Hello", body: "A note from the assistant." };

    const first = (await client.callTool({ name: "send_email", arguments: args })) as CallToolResult;
    expect(first.isError).toBeFalsy();
    const id = /pending approval (\S+):/.exec(text(first))?.[1];
    expect(id).toBeDefined();
    const [request] = await list(vault, "Pending_Approval");
    expect(await readFile(path.join(vault, "Pending_Approval", request!), "utf8")).toMatch(
      /- outside_client/,
    );

    const early = (await client.callTool({
      name: "send_email",
      arguments: { ...args, approval_id: id },
    })) as CallToolResult;
    expect(early.isError).toBe(true);
    expect(text(early)).toMatch(/still waiting for a person/);

    expect((await runCli(["approve", id!, "--vault", vault])).code).toBe(0);
    const other = (await client.callTool({
      name: "send_email",
      arguments: { ...args, subject: "Something else", approval_id: id },
    })) as CallToolResult;
    expect(other.isError).toBe(true);
    expect(text(other)).toMatch(/different call/);

    const run = (await client.callTool({
      name: "send_email",
      arguments: { ...args, approval_id: id },
    })) as CallToolResult;
    expect(run.isError).toBeFalsy();
    expect(text(run)).toMatch(/dry run/i);
    expect((await list(vault, "Outbox")).filter((name) => name.endsWith(".eml"))).toHaveLength(1);

    const again = (await client.callTool({
      name: "send_email",
      arguments: { ...args, approval_id: id },
    })) as CallToolResult;
    expect(again.isError).toBe(true);
    expect(text(again)).toMatch(/already/);
    expect((await list(vault, "Outbox")).filter((name) => name.endsWith(".eml"))).toHaveLength(1);
  });

  it("refuses a forged approval and an approval edited after it was given", { timeout: 60_000 }, async () => {
    const vault = await tempVault();
    await runCli(["init", "--vault", vault]);
    const client = await connect("email", vault);
    const args = { to: ["ana@client-a.example"], subject: "Hi", body: "Text." };
    const id = /pending approval (\S+):/.exec(
      text((await client.callTool({ name: "send_email", arguments: args })) as CallToolResult),
    )![1]!;
    const [name] = await list(vault, "Pending_Approval");
    const original = await readFile(path.join(vault, "Pending_Approval", name!), "utf8");

    // A forged request: a copy under a new id that this vault never issued, moved into Approved/.
    const forgedId = "20260101-000000-deadbeef";
    await writeFile(
      path.join(vault, "Approved", `SEND_EMAIL_forged_${forgedId}.md`),
      original.replaceAll(id, forgedId).replace("status: pending", "status: approved"),
    );
    const forged = (await client.callTool({
      name: "send_email",
      arguments: { ...args, approval_id: forgedId },
    })) as CallToolResult;
    expect(forged.isError).toBe(true);
    expect(text(forged)).toMatch(/never issued/);

    // The real one, edited after approval to send somewhere else.
    await rename(path.join(vault, "Pending_Approval", name!), path.join(vault, "Approved", name!));
    const approvedFile = path.join(vault, "Approved", name!);
    await writeFile(
      approvedFile,
      (await readFile(approvedFile, "utf8")).replace("ana@client-a.example", "attacker@evil.example"),
    );
    const edited = (await client.callTool({
      name: "send_email",
      arguments: { ...args, to: ["attacker@evil.example"], approval_id: id },
    })) as CallToolResult;
    expect(text(edited)).toMatch(/edited after it was issued; a fresh request/);
    expect(await list(vault, "Outbox")).toEqual([]);
    expect(await list(vault, "Pending_Approval")).toHaveLength(1);
  });
});
