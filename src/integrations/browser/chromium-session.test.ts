import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortalPages, type PortalPages } from "../../../test/fakes/browser-pages/portal-pages-server.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import { createOutbox } from "../../vault/outbox.js";
import type { ToolDefinition, ToolResult } from "../tool-definition.js";
import type { BrowserSession } from "./browser-session.js";
import { createChromiumSession } from "./chromium-session.js";
import { createBrowserTools } from "./create-browser-tools.js";
import { createOutboxBrowserSession } from "./outbox-browser-session.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `Skipping the browser tests: no Chromium at ${CHROMIUM} (apt install chromium, or set CHROMIUM_PATH).`,
  );

function call(tools: ToolDefinition[], name: string, input: Record<string, unknown>): Promise<ToolResult> {
  const tool = tools.find((candidate) => candidate.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool.run(tool.input.parse(input), new AbortController().signal);
}

describe.skipIf(!hasChromium)(`browser tools in real headless Chromium (${CHROMIUM})`, () => {
  let portal: PortalPages;
  let session: BrowserSession;
  let tools: ToolDefinition[];
  let allowed: string[];
  const screenshots: Buffer[] = [];

  beforeAll(async () => {
    portal = await startPortalPages();
    allowed = ["127.0.0.1"];
    session = createChromiumSession({
      chromiumPath: CHROMIUM,
      idleTimeoutMs: 60_000,
      allowedHosts: async () => allowed,
    });
    tools = createBrowserTools({
      session,
      saveScreenshot: async (png) => {
        screenshots.push(png);
        return `Files/screenshot-${screenshots.length}.png`;
      },
    });
  });

  afterAll(async () => {
    await session?.close();
    await portal?.close();
  });

  const localhostRequests = (): string[] =>
    portal.requests.filter((r) => r.host === "localhost").map((r) => r.path);

  it("opens a page and reads only its visible text, without invisible characters", async () => {
    const opened = await call(tools, "open_page", { url: `${portal.url}/` });
    expect(opened.text).toContain("Welcome to your payment portal.");
    expect(opened.text).toContain("Balance: 120.00 EUR");
    expect(opened.text).toContain("Title: Acme Pay \u2014 Home");
    expect(opened.text).not.toMatch(/HIDDEN-/);
    expect(opened.text).not.toMatch(/[\u200b\u{e0000}-\u{e007f}]/u);
    expect(opened.data).toMatchObject({ status: 200, title: "Acme Pay \u2014 Home" });

    const read = await call(tools, "read_page", {});
    expect(read.text).toContain("Invoice INV-7 is due.");
    expect(read.text).not.toMatch(/HIDDEN-/);
    expect(session.isRunning()).toBe(true);
  });

  it("lists a form's visible fields and buttons, not its hidden ones", async () => {
    const opened = await call(tools, "open_page", { url: `${portal.url}/pay` });
    expect(opened.text).toContain('- "Amount" (text name="amount", required)');
    expect(opened.text).toContain('- "Reference" (text name="reference")');
    expect(opened.text).toContain('- "Pay now" (submits its form: use submit_form)');
    expect(opened.text).not.toContain("website");
    expect(opened.text).not.toContain("csrf");
  });

  it("fills fields without sending anything, then submit_form reaches the portal exactly once", async () => {
    await call(tools, "open_page", { url: `${portal.url}/pay` });
    const filled = await call(tools, "fill_field", { label: "Amount", value: "99" });
    expect(filled.text).toContain('Filled field "Amount"');
    const afterFill = await call(tools, "read_page", {});
    expect(afterFill.text).toContain('(text name="amount", required) = "99"');
    expect(portal.payments).toHaveLength(0);

    const result = await call(tools, "submit_form", {
      url: `${portal.url}/pay`,
      fields: [
        { label: "Amount", value: "120.00" },
        { label: "Reference", value: "INV-7" },
        { label: "Currency", value: "USD" },
        { label: "I agree to the terms", value: "true" },
      ],
    });
    expect(result.text).toContain("Payment received");
    expect(result.dryRun).toBeUndefined();
    expect(portal.payments).toEqual([
      { amount: "120.00", reference: "INV-7", currency: "USD", agree: "on", website: "", csrf: "token-123" },
    ]);
    expect(portal.requests.filter((r) => r.method === "POST" && r.path === "/pay")).toHaveLength(1);
  });

  it("sends nothing when a field is missing or a value is refused by the form", async () => {
    const before = portal.requests.filter((r) => r.method === "POST").length;
    await expect(
      call(tools, "submit_form", { url: `${portal.url}/pay`, fields: [{ label: "IBAN", value: "DE00" }] }),
    ).rejects.toThrow(/Nothing visible matches field "IBAN"/);
    await expect(
      call(tools, "submit_form", {
        url: `${portal.url}/pay`,
        fields: [{ label: "Reference", value: "INV-7" }],
      }),
    ).rejects.toThrow(/refuses these values, so nothing was sent: amount/);
    expect(portal.requests.filter((r) => r.method === "POST").length).toBe(before);
  });

  it("refuses a host that is not on the allow-list and names the fix", async () => {
    const attempt = call(tools, "open_page", { url: `http://localhost:${portal.port}/` });
    await expect(attempt).rejects.toBeInstanceOf(LogicError);
    await expect(attempt).rejects.toThrow(/localhost.*"Payment Portals" list in Company_Handbook\.md/);
    await expect(call(tools, "open_page", { url: "file:///etc/passwd" })).rejects.toThrow(
      /only http and https/,
    );
    expect(localhostRequests()).toEqual([]);
  });

  it("refuses a redirect to a host that is not allowed, before it is reached", async () => {
    await expect(call(tools, "open_page", { url: `${portal.url}/redirect-away` })).rejects.toThrow(
      /may not open localhost/,
    );
    expect(localhostRequests()).toEqual([]);
    await expect(call(tools, "read_page", {})).rejects.toThrow(/No page is open/);
    await expect(call(tools, "open_page", { url: `${portal.url}/redirect-away-tls` })).rejects.toThrow(
      /may not open localhost/,
    );
    const home = await call(tools, "open_page", { url: `${portal.url}/redirect-home` });
    expect(home.text).toContain("Acme Pay");
  });

  it("refuses links and page scripts that lead to a host that is not allowed", async () => {
    await call(tools, "open_page", { url: `${portal.url}/` });
    await expect(call(tools, "click", { text: "Leave the portal" })).rejects.toThrow(
      /may not open localhost/,
    );
    await call(tools, "open_page", { url: `${portal.url}/script-away` });
    await expect(call(tools, "click", { text: "Go away" })).rejects.toThrow(/may not open localhost/);
    expect(localhostRequests()).toEqual([]);
  });

  it("loads no sub-resource from a host that is not allowed", async () => {
    const opened = await call(tools, "open_page", { url: `${portal.url}/third-party` });
    expect(opened.data).toMatchObject({ blockedHosts: ["localhost"] });
    expect(opened.text).toContain("Not loaded, not on the allow-list: localhost");
    expect(localhostRequests()).toEqual([]);
  });

  it("stops the data a field sends as it changes, and says so", async () => {
    await call(tools, "open_page", { url: `${portal.url}/autosave` });
    const filled = await call(tools, "fill_field", { label: "Note", value: "call Ana" });
    expect(filled.text).toContain(
      "The page tried to send data as the field changed and was stopped: POST 127.0.0.1",
    );
    expect(portal.requests.filter((r) => r.path === "/api/autosave")).toEqual([]);
  });

  it("follows links but refuses a submit button and stops data a click tries to send", async () => {
    await call(tools, "open_page", { url: `${portal.url}/` });
    const clicked = await call(tools, "click", { text: "Pay an invoice" });
    expect(clicked.text).toContain("Title: Pay an invoice");
    await expect(call(tools, "click", { text: "Pay now" })).rejects.toThrow(
      /submits a form\. Use submit_form/,
    );
    const preview = await call(tools, "click", { text: "Preview" });
    expect(preview.text).toContain("Stopped, the page tried to send data: POST 127.0.0.1");
    expect(portal.requests.filter((r) => r.path === "/api/preview")).toEqual([]);
  });

  it("opens no WebSocket outside a submission", async () => {
    await call(tools, "open_page", { url: `${portal.url}/socket-page` });
    const read = await call(tools, "read_page", {});
    expect(read.text).toContain("socket closed");
    expect(portal.upgrades).toEqual([]);
  });

  it("follows a popup the page opens", async () => {
    await call(tools, "open_page", { url: `${portal.url}/popup` });
    await call(tools, "click", { text: "Open receipt" });
    const read = await call(tools, "read_page", {});
    expect(read.text).toContain("Payment received");
  });

  it("saves a PNG screenshot into the vault", async () => {
    await call(tools, "open_page", { url: `${portal.url}/` });
    const result = await call(tools, "screenshot", { full_page: true });
    expect(result.text).toContain(`Files/screenshot-${screenshots.length}.png`);
    const png = screenshots.at(-1)!;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(1_000);
  });

  it("reports an allowed host that cannot be reached as a transient failure", async () => {
    // A port that was free a moment ago (Chromium itself refuses "unsafe" ports such as 1).
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await expect(call(tools, "open_page", { url: `http://127.0.0.1:${closedPort}/` })).rejects.toThrow(
      /Could not reach 127\.0\.0\.1 .*check the address and the network/,
    );
  });

  it("applies an edit of the allow-list at the next call", async () => {
    allowed = [];
    await expect(call(tools, "open_page", { url: `${portal.url}/` })).rejects.toThrow(
      /may not open 127\.0\.0\.1/,
    );
    allowed = ["127.0.0.1"];
    await expect(call(tools, "open_page", { url: `${portal.url}/` })).resolves.toBeDefined();
  });

  it("renders a submission to the Outbox in dry run and sends nothing", async () => {
    const vault = await mkdtemp(path.join(tmpdir(), "browser-dry-run-"));
    try {
      const dryRun = createOutboxBrowserSession({
        session,
        outbox: createOutbox(vault, () => new Date("2026-01-05T10:00:00Z")),
        allowedHosts: async () => allowed,
        now: () => new Date("2026-01-05T10:00:00Z"),
      });
      const dryTools = createBrowserTools({ session: dryRun, saveScreenshot: async () => "unused.png" });
      const before = portal.payments.length;
      const result = await call(dryTools, "submit_form", {
        url: `${portal.url}/pay`,
        fields: [
          { label: "Amount", value: "75.50" },
          { label: "PIN", value: "1234" },
        ],
      });
      expect(result.dryRun).toBe(true);
      expect(result.text).toMatch(/^Dry run: the form on 127\.0\.0\.1 was not sent/);
      const outboxPath = String(result.data?.outboxPath);
      const rendered = await readFile(path.join(vault, outboxPath), "utf8");
      expect(rendered).toContain(`- **URL:** ${portal.url}/pay`);
      expect(rendered).toContain("| Amount | 75.50 |");
      expect(rendered).toContain("| PIN | [hidden] |");
      expect(rendered).not.toContain("1234");
      expect(portal.payments.length).toBe(before);
      // Reading still works through the dry-run adapter.
      const opened = await call(dryTools, "open_page", { url: `${portal.url}/` });
      expect(opened.text).toContain("Acme Pay");
      await expect(
        call(dryTools, "submit_form", {
          url: `http://localhost:${portal.port}/pay`,
          fields: [{ label: "A", value: "1" }],
        }),
      ).rejects.toThrow(/may not open localhost/);
    } finally {
      await rm(vault, { recursive: true, force: true });
    }
  });
});
