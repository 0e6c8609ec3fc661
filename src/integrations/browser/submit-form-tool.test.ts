import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createOutbox } from "../../vault/outbox.js";
import type { BrowserSession } from "./browser-session.js";
import { createBrowserTools } from "./create-browser-tools.js";
import { createOutboxBrowserSession } from "./outbox-browser-session.js";

/** The dry-run adapter must not touch the real browser to render a submission. */
const untouchable: BrowserSession = new Proxy({} as BrowserSession, {
  get: (_target, property) => () => {
    throw new Error(`the real browser was used: ${String(property)}`);
  },
});

function tools(session: BrowserSession) {
  return createBrowserTools({ session, saveScreenshot: async () => "Files/shot.png" });
}

describe("the browser tools' contract", () => {
  it("exposes the six tools, with only submit_form side-effecting", () => {
    const list = tools(untouchable);
    expect(list.map((tool) => tool.name)).toEqual([
      "open_page",
      "read_page",
      "fill_field",
      "click",
      "screenshot",
      "submit_form",
    ]);
    expect(list.filter((tool) => tool.effect === "write").map((tool) => tool.name)).toEqual(["submit_form"]);
    const submit = list.find((tool) => tool.name === "submit_form")!;
    expect(submit.annotations).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: true,
    });
    expect(list.find((tool) => tool.name === "fill_field")!.annotations.idempotentHint).toBe(true);
  });

  it("describes a submission for the policy: host, fields, amount, secrets hidden", () => {
    const submit = tools(untouchable).find((tool) => tool.name === "submit_form")!;
    const input = submit.input.parse({
      url: "https://pay.example.com/invoice/7",
      fields: [
        { label: "Amount", value: "1.250,00 €" },
        { label: "Card number", value: "4242 4242 4242 4242" },
        { label: "CVC", value: "123" },
        { selector: "#ref", value: "INV-7" },
      ],
    });
    const facts = submit.facts!(input);
    expect(facts).toEqual({
      category: "browser_submit",
      recipients: ["pay.example.com"],
      amount: { value: 1250, currency: "EUR" },
      links: ["https://pay.example.com/invoice/7"],
      summary:
        "Submit a form on pay.example.com: Amount=1.250,00 €, Card number=…4242, CVC=[hidden], #ref=INV-7",
    });
  });

  it("takes a field by label or selector, not both or neither", () => {
    const fill = tools(untouchable).find((tool) => tool.name === "fill_field")!;
    expect(fill.input.safeParse({ label: "Amount", value: "1" }).success).toBe(true);
    expect(fill.input.safeParse({ selector: "#amount", value: "1" }).success).toBe(true);
    expect(fill.input.safeParse({ label: "Amount", selector: "#amount", value: "1" }).success).toBe(false);
    expect(fill.input.safeParse({ value: "1" }).success).toBe(false);
    const submit = tools(untouchable).find((tool) => tool.name === "submit_form")!;
    expect(submit.input.safeParse({ url: "https://pay.example.com/", fields: [] }).success).toBe(false);
  });

  it("renders a dry-run submission to the Outbox without a browser, and refuses hosts off the list", async () => {
    const vault = await mkdtemp(path.join(tmpdir(), "browser-outbox-"));
    try {
      const now = () => new Date("2026-02-01T09:30:00Z");
      const session = createOutboxBrowserSession({
        session: untouchable,
        outbox: createOutbox(vault, now),
        allowedHosts: async () => ["pay.example.com"],
        now,
      });
      const submit = tools(session).find((tool) => tool.name === "submit_form")!;
      const result = await submit.run(
        submit.input.parse({
          url: "https://pay.example.com/pay",
          fields: [
            { label: "Amount", value: "120.00 EUR" },
            { label: "Note", value: "a | b\nc" },
            { label: "Password", value: "hunter2" },
          ],
          submit: { text: "Pay now" },
        }),
        new AbortController().signal,
      );
      expect(result.dryRun).toBe(true);
      const outboxPath = String(result.data?.outboxPath);
      expect(outboxPath).toMatch(/^Outbox\/2026-02-01T09-30-00-000Z_browser-submit_pay-example-com\.md$/);
      const rendered = await readFile(path.join(vault, outboxPath), "utf8");
      expect(rendered).toContain("# Form submission on pay.example.com (dry run)");
      expect(rendered).toContain("- **Submit:** Pay now");
      expect(rendered).toContain("- **Amount:** 120 EUR");
      expect(rendered).toContain("| Note | a \\| b c |");
      expect(rendered).toContain("| Password | [hidden] |");
      expect(rendered).not.toContain("hunter2");

      await expect(
        submit.run(
          submit.input.parse({
            url: "https://evil.example.net/pay",
            fields: [{ label: "Amount", value: "1" }],
          }),
          new AbortController().signal,
        ),
      ).rejects.toThrow(/may not open evil\.example\.net/);
    } finally {
      await rm(vault, { recursive: true, force: true });
    }
  });
});
