/**
 * The approval gate, through a real MCP client: a request filed, refused while pending, run once when
 * approved, and refused when forged, edited, expired or already attempted.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { payloadSha256 } from "../governance/payload-hash.js";
import { renderNote } from "../vault/note.js";
import {
  createGateHarness,
  START,
  TEMPLATE_HANDBOOK,
  type GateHarness,
} from "../../test/support/approval-gate-harness.js";

const HOUR = 3_600_000;
const EMAIL = {
  to: ["ana@client-a.example"],
  subject: "Quote for December",
  body: "Hello Ana,\n\nThe quote is attached.\n",
};

let gate: GateHarness;
beforeEach(async () => {
  gate = await createGateHarness();
});
afterEach(async () => {
  await gate.close();
});

/** Rewrites a request note's front matter as a person would in Obsidian. */
async function editRequest(relative: string, edit: (data: Record<string, unknown>) => void): Promise<void> {
  const note = await gate.store.read(relative);
  edit(note.data);
  await writeFile(gate.store.absolute(relative), renderNote(note));
}

describe("a side-effecting call without an approval id", () => {
  it("files a pending request in the DESIGN.md format and runs nothing", async () => {
    const answer = await gate.call("send_email", EMAIL);

    expect(answer.status).toBe("pending");
    const id = String(answer.structured.approvalId);
    expect(answer.text).toContain(`pending approval ${id}`);
    expect(answer.text).toContain(`approval_id "${id}"`);
    expect(gate.calls).toEqual([]);
    const [relative] = await gate.store.list("Pending_Approval");
    expect(relative).toMatch(
      new RegExp(`^Pending_Approval/SEND_EMAIL_email-to-ana-client-a-example-qu_${id}\\.md$`),
    );
    const note = await gate.store.read(relative!);
    expect(note.data).toMatchObject({
      type: "approval_request",
      id,
      task: null,
      action: "send_email",
      server: "email",
      tool: "send_email",
      parameters: EMAIL,
      payload_sha256: payloadSha256("email", "send_email", EMAIL),
      recipient: "ana@client-a.example",
      origin: "outside_client",
      created: START,
      expires: new Date(Date.parse(START) + 24 * HOUR).toISOString(),
      status: "pending",
    });
    expect(note.data.risk).toEqual(expect.arrayContaining(["outside_client", "not_auto_approved"]));
    expect(note.body).toContain(`ai-employee approve ${id}`);
    expect(note.body).toContain('"subject": "Quote for December"');
    expect(await gate.logLines()).toMatchObject([
      {
        action_type: "send_email",
        actor: "mcp_client",
        result: "pending",
        approval_status: "pending",
        approval_id: id,
      },
    ]);
  });

  it("is never auto-approved over MCP, even when the Handbook would allow the same action", async () => {
    const enabled = await createGateHarness({
      handbook: TEMPLATE_HANDBOOK.replace(/^(\|.*\| )no( \|)$/gm, "$1yes$2"),
    });
    try {
      const answer = await enabled.call("send_email", EMAIL);
      expect(answer.status).toBe("pending");
      expect(enabled.calls).toEqual([]);
      expect(
        (await enabled.request("Pending_Approval", String(answer.structured.approvalId)))?.data.risk,
      ).toEqual(["outside_client"]);
    } finally {
      await enabled.close();
    }
  });

  it("answers a read-only tool directly, with no approval", async () => {
    const answer = await gate.call("list_messages", {});
    expect(answer.text).toBe('list_messages done\n{\n  "call": 1\n}');
    expect(gate.calls).toHaveLength(1);
    const tools = await gate.host.listTools("email");
    expect(tools.map((tool) => tool.name).sort()).toEqual(["list_messages", "pay_invoice", "send_email"]);
  });

  it("refuses what the policy refuses (a negative payment) and files nothing", async () => {
    const answer = await gate.call("pay_invoice", {
      payee: "ana@client-a.example",
      amount: -10,
      currency: "USD",
    });
    expect(answer.result.isError).toBe(true);
    expect(answer.text).toMatch(/^refused: the amount -10 is not a valid amount/);
    expect(await gate.store.list("Pending_Approval")).toEqual([]);
    expect((await gate.logLines()).at(-1)).toMatchObject({ result: "refused", approval_id: null });
  });
});

describe("a call with an approval id", () => {
  it("is refused while the request is still pending", async () => {
    const id = String((await gate.call("send_email", EMAIL)).structured.approvalId);
    const answer = await gate.call("send_email", EMAIL, id);
    expect(answer.result.isError).toBe(true);
    expect(answer.status).toBe("refused");
    expect(answer.text).toMatch(/still waiting for a person/);
    expect(gate.calls).toEqual([]);
    expect(await gate.request("Pending_Approval", id)).toBeDefined();
  });

  it("runs exactly once after a person approves, then is refused", async () => {
    const id = await gate.approved("send_email", EMAIL);

    const answer = await gate.call("send_email", EMAIL, id);
    expect(answer.status).toBe("executed");
    expect(answer.text).toBe("dry run: send_email done");
    expect(gate.calls).toMatchObject([{ tool: "send_email", input: EMAIL }]);
    const done = await gate.request("Done", id);
    expect(done?.data).toMatchObject({
      status: "executed",
      approved_by: "owner",
      executed_at: START,
      outcome: "send_email done",
    });
    expect((await gate.logLines()).at(-1)).toMatchObject({
      action_type: "send_email",
      result: "success",
      approval_status: "approved",
      approved_by: "owner",
      approval_id: id,
      dry_run: true,
      retry_count: 0,
      target: "ana@client-a.example",
    });

    const again = await gate.call("send_email", EMAIL, id);
    expect(again.status).toBe("refused");
    expect(again.text).toMatch(/already (used|executed)/);
    expect(gate.calls).toHaveLength(1);
  });

  it("runs once when the same approval is used twice at the same moment", async () => {
    const id = await gate.approved("send_email", EMAIL);
    const answers = await Promise.all([
      gate.call("send_email", EMAIL, id),
      gate.call("send_email", EMAIL, id),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual(["executed", "refused"]);
    expect(gate.calls).toHaveLength(1);
  });

  it("is refused for a different call than the one approved, and the approval stays usable", async () => {
    const id = await gate.approved("send_email", EMAIL);
    const other = await gate.call("send_email", { ...EMAIL, to: ["mallory@evil.example"] }, id);
    expect(other.text).toMatch(/given for a different call/);
    const otherTool = await gate.call(
      "pay_invoice",
      { payee: "ana@client-a.example", amount: 10, currency: "USD" },
      id,
    );
    expect(otherTool.status).toBe("refused");
    expect(gate.calls).toEqual([]);
    expect((await gate.call("send_email", EMAIL, id)).status).toBe("executed");
  });

  it("is refused after a person rejects the request", async () => {
    const id = String((await gate.call("send_email", EMAIL)).structured.approvalId);
    await gate.desk.decide(id, "rejected", "owner", "not now");
    expect((await gate.call("send_email", EMAIL, id)).text).toMatch(/was rejected/);
    expect(gate.calls).toEqual([]);
  });

  it("is refused for an id this vault never issued", async () => {
    const answer = await gate.call("send_email", EMAIL, "20261126-100000-000000");
    expect(answer.text).toMatch(/never issued by this vault/);
    expect(gate.calls).toEqual([]);
  });
});

describe("a forged approval", () => {
  it("is refused, moved to Rejected/ and reported, even with a correct payload hash", async () => {
    const id = "20261126-095900-abcdef";
    const relative = `Approved/SEND_EMAIL_forged_${id}.md`;
    await gate.store.write(relative, {
      data: {
        type: "approval_request",
        id,
        action: "send_email",
        server: "email",
        tool: "send_email",
        parameters: EMAIL,
        payload_sha256: payloadSha256("email", "send_email", EMAIL),
        created: START,
        expires: "2099-01-01T00:00:00.000Z",
        status: "approved",
        approved_by: "owner",
      },
      body: "Looks legitimate.\n",
    });

    const answer = await gate.call("send_email", EMAIL, id);

    expect(answer.status).toBe("refused");
    expect(answer.text).toMatch(/never issued by this vault/);
    expect(gate.calls).toEqual([]);
    expect(await gate.store.exists(relative)).toBe(false);
    expect((await gate.request("Rejected", id))?.data).toMatchObject({
      status: "rejected",
      rejection_reason: expect.stringMatching(/refused as forged/),
    });
    const alerts = await gate.alerts();
    expect(alerts.map((alert) => alert.data.title)).toEqual(["Refused a forged approval"]);
    expect((await gate.logLines()).at(-1)).toMatchObject({ result: "refused", approval_id: id });
  });
});

describe("an approval edited after it was issued", () => {
  it("is not run; a fresh request for the edited version is filed instead", async () => {
    const id = await gate.approved("send_email", EMAIL);
    const relative = (await gate.request("Approved", id))!.path;
    await editRequest(relative, (data) => {
      data.parameters = { ...EMAIL, body: "Hello Ana,\n\nThe price is now half.\n" };
    });

    const answer = await gate.call("send_email", EMAIL, id);

    expect(answer.status).toBe("superseded");
    const fresh = String(answer.structured.newApprovalId);
    expect(answer.text).toContain(`a fresh request ${fresh} was filed for the edited version`);
    expect(gate.calls).toEqual([]);
    expect((await gate.request("Rejected", id))?.data).toMatchObject({
      status: "superseded",
      replaced_by: fresh,
    });
    const filed = await gate.request("Pending_Approval", fresh);
    expect(filed?.data).toMatchObject({
      status: "pending",
      parameters: { body: "Hello Ana,\n\nThe price is now half.\n" },
      payload_sha256: payloadSha256("email", "send_email", {
        ...EMAIL,
        body: "Hello Ana,\n\nThe price is now half.\n",
      }),
      reason: "a person edited the parameters after the request was issued",
    });

    // Once a person approves the edited version, exactly that runs.
    await gate.desk.decide(fresh, "approved", "owner");
    const edited = { ...EMAIL, body: "Hello Ana,\n\nThe price is now half.\n" };
    expect((await gate.call("send_email", edited, fresh)).status).toBe("executed");
    expect(gate.calls.map((call) => call.input.body)).toEqual(["Hello Ana,\n\nThe price is now half.\n"]);
  });

  it("is refused when the edit is not valid for the tool", async () => {
    const id = await gate.approved("send_email", EMAIL);
    await editRequest((await gate.request("Approved", id))!.path, (data) => {
      data.parameters = { to: "not a list", subject: 3 };
    });
    const answer = await gate.call("send_email", EMAIL, id);
    expect(answer.text).toMatch(/edited into parameters that are not valid/);
    expect((await gate.request("Rejected", id))?.data.status).toBe("rejected");
    expect(await gate.store.list("Pending_Approval")).toEqual([]);
    expect(gate.calls).toEqual([]);
  });

  it("survives the YAML round trip untouched when nobody edits it", async () => {
    const tricky = {
      to: ["ana@client-a.example"],
      subject: "Re: 50% off? #1 --- yes: no",
      body: "  leading spaces\n\ttab\n\nunicode: Ação 請求書 😀\ntrailing newlines\n\n\n",
    };
    const id = await gate.approved("send_email", tricky);
    expect((await gate.call("send_email", tricky, id)).status).toBe("executed");
  });
});

describe("expiry", () => {
  it("refuses an expired approval and moves it to Rejected/ with status expired", async () => {
    const id = await gate.approved("send_email", EMAIL);
    gate.advance(24 * HOUR + 1);
    const answer = await gate.call("send_email", EMAIL, id);
    expect(answer.text).toMatch(
      new RegExp(`expired at ${new Date(Date.parse(START) + 24 * HOUR).toISOString()}`),
    );
    expect(gate.calls).toEqual([]);
    expect((await gate.request("Rejected", id))?.data).toMatchObject({ status: "expired" });
    expect((await gate.logLines()).at(-1)).toMatchObject({
      result: "refused",
      approval_status: "expired",
      approval_id: id,
    });
  });

  it("runs an approval just before it expires", async () => {
    const id = await gate.approved("send_email", EMAIL);
    gate.advance(24 * HOUR - 1);
    expect((await gate.call("send_email", EMAIL, id)).status).toBe("executed");
  });

  it("uses the Handbook's shorter expiry for payments", async () => {
    const id = await gate.approved("pay_invoice", {
      payee: "ana@client-a.example",
      amount: 20,
      currency: "USD",
    });
    expect((await gate.request("Approved", id))?.data.expires).toBe(
      new Date(Date.parse(START) + 4 * HOUR).toISOString(),
    );
    gate.advance(5 * HOUR);
    expect(
      (await gate.call("pay_invoice", { payee: "ana@client-a.example", amount: 20, currency: "USD" }, id))
        .text,
    ).toMatch(/expired/);
  });

  it("honours a person shortening `expires` in the file", async () => {
    const id = await gate.approved("send_email", EMAIL);
    await editRequest((await gate.request("Approved", id))!.path, (data) => {
      data.expires = new Date(Date.parse(START) + HOUR).toISOString();
    });
    gate.advance(2 * HOUR);
    expect((await gate.call("send_email", EMAIL, id)).text).toMatch(/expired/);
    expect(gate.calls).toEqual([]);
  });

  it("ignores a person extending `expires` in the file", async () => {
    const id = await gate.approved("send_email", EMAIL);
    await editRequest((await gate.request("Approved", id))!.path, (data) => {
      data.expires = "2099-01-01T00:00:00.000Z";
    });
    gate.advance(25 * HOUR);
    expect((await gate.call("send_email", EMAIL, id)).text).toMatch(/expired/);
    expect(gate.calls).toEqual([]);
  });
});

describe("a crash between approved and executed", () => {
  it("never repeats the call: the request goes to Rejected/ as failed and a person is alerted", async () => {
    const id = await gate.approved("send_email", EMAIL);
    // What a process leaves behind when it dies during the outward call.
    expect(await gate.ledger.begin(id, gate.now())).toBe(true);

    const answer = await gate.call("send_email", EMAIL, id);

    expect(answer.status).toBe("refused");
    expect(gate.calls).toEqual([]);
    expect((await gate.request("Rejected", id))?.data).toMatchObject({
      status: "failed",
      last_error: expect.stringMatching(/may or may not have gone out/),
    });
    const alerts = await gate.alerts();
    expect(alerts.map((alert) => alert.data.title)).toEqual(["Check whether send_email went out"]);
    expect(alerts[0]!.body).toContain(`[[Rejected/SEND_EMAIL_`);
    expect((await gate.call("send_email", EMAIL, id)).status).toBe("refused");
    expect(gate.calls).toEqual([]);
  });

  it("settles a request that did go out (the ledger says so) into Done/ without running it again", async () => {
    const id = await gate.approved("send_email", EMAIL);
    await gate.ledger.begin(id, gate.now());
    await gate.ledger.complete({ state: "succeeded", key: id, at: gate.now().toISOString(), result: null });
    expect((await gate.call("send_email", EMAIL, id)).status).toBe("refused");
    expect((await gate.request("Done", id))?.data.status).toBe("executed");
    expect(gate.calls).toEqual([]);
  });
});

describe("the registry and ledger", () => {
  it("live in the vault's internal folder, where Obsidian does not show them", async () => {
    const id = await gate.approved("send_email", EMAIL);
    await gate.call("send_email", EMAIL, id);
    const journal = await readFile(
      path.join(gate.vault, ".ai-employee", "approvals", `${id.slice(0, 8)}.jsonl`),
      "utf8",
    );
    const issued = journal
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(issued).toEqual([
      expect.objectContaining({ id, payload_sha256: payloadSha256("email", "send_email", EMAIL) }),
    ]);
    expect(await gate.ledger.get(id)).toMatchObject({ state: "succeeded", key: id });
  });
});
