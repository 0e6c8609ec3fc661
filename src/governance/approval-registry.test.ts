import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApprovalRegistry, type IssuedRequest } from "./approval-registry.js";

let vault: string;
beforeEach(async () => {
  vault = await mkdtemp(path.join(os.tmpdir(), "approval-registry-"));
});
afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

const journal = (day = "20261126") => path.join(vault, ".ai-employee", "approvals", `${day}.jsonl`);

function issued(id: string, overrides: Partial<IssuedRequest> = {}): IssuedRequest {
  return {
    id,
    server: "email",
    tool: "send_email",
    payload_sha256: "a".repeat(64),
    created: "2026-11-26T10:00:00.000Z",
    expires: "2026-11-27T10:00:00.000Z",
    origin: "employee",
    task: null,
    file: `SEND_EMAIL_x_${id}.md`,
    ...overrides,
  };
}

describe("the approval registry", () => {
  it("records a request once and finds it again, in this process and in another", async () => {
    const registry = createApprovalRegistry(vault);
    await registry.issue(issued("20261126-100000-0000aaaa"));
    expect(await registry.get("20261126-100000-0000aaaa")).toEqual(issued("20261126-100000-0000aaaa"));

    const other = createApprovalRegistry(vault);
    expect(await other.get("20261126-100000-0000aaaa")).toMatchObject({ tool: "send_email" });
    await registry.issue(issued("20261126-110000-0000bbbb"));
    expect(await other.get("20261126-110000-0000bbbb")).toMatchObject({ id: "20261126-110000-0000bbbb" });
    expect(await other.get("20261126-120000-0000cccc")).toBeUndefined();
  });

  it("lets a re-filing after a crash replace the record, and the last record wins", async () => {
    const registry = createApprovalRegistry(vault);
    await registry.issue(issued("20261126-100000-0000aaaa"));
    await registry.issue(issued("20261126-100000-0000aaaa", { file: "again.md" }));
    expect(await createApprovalRegistry(vault).get("20261126-100000-0000aaaa")).toMatchObject({
      file: "again.md",
    });
  });

  it("writes many requests filed at once in a few appends, one journal per day of issue", async () => {
    const registry = createApprovalRegistry(vault);
    const ids = Array.from(
      { length: 200 },
      (_, index) => `20261126-100000-${String(index).padStart(8, "0")}`,
    );
    await Promise.all([
      ...ids.map((id) => registry.issue(issued(id))),
      registry.issue(issued("20261127-000000-0000dddd")),
    ]);
    const text = await readFile(journal(), "utf8");
    expect(text.split("\n").filter((line) => line !== "")).toHaveLength(200);
    // Every batch starts on a new line: a handful of batches for 200 concurrent requests.
    expect(text.split("\n\n").length).toBeLessThan(10);
    expect(await readFile(journal("20261127"), "utf8")).toContain("20261127-000000-0000dddd");
    const fresh = createApprovalRegistry(vault);
    for (const id of ids) expect(await fresh.get(id)).toMatchObject({ id });
  });

  it("skips a line cut short by a crash and reads the batches after it", async () => {
    const registry = createApprovalRegistry(vault);
    await registry.issue(issued("20261126-100000-0000aaaa"));
    await appendFile(journal(), '{"id":"20261126-100000-0000eeee","server":"em');
    await registry.issue(issued("20261126-100000-0000bbbb"));
    const fresh = createApprovalRegistry(vault);
    expect(await fresh.get("20261126-100000-0000eeee")).toBeUndefined();
    expect(await fresh.get("20261126-100000-0000bbbb")).toMatchObject({ id: "20261126-100000-0000bbbb" });
  });

  it("does not read a batch another process is still writing until its line is complete", async () => {
    const registry = createApprovalRegistry(vault);
    await registry.issue(issued("20261126-100000-0000aaaa"));
    expect(await registry.get("20261126-100000-0000aaaa")).toBeDefined();
    const line = JSON.stringify(issued("20261126-100000-0000ffff"));
    await appendFile(journal(), `\n${line.slice(0, 20)}`);
    expect(await registry.get("20261126-100000-0000ffff")).toBeUndefined();
    await appendFile(journal(), `${line.slice(20)}\n`);
    expect(await registry.get("20261126-100000-0000ffff")).toMatchObject({ id: "20261126-100000-0000ffff" });
  });

  it("still finds a request recorded in a file of its own by an earlier version", async () => {
    await mkdir(path.dirname(journal()), { recursive: true });
    await writeFile(
      path.join(path.dirname(journal()), "20261120-100000-0000abcd.json"),
      JSON.stringify(issued("20261120-100000-0000abcd")),
    );
    expect(await createApprovalRegistry(vault).get("20261120-100000-0000abcd")).toMatchObject({
      tool: "send_email",
    });
  });

  it("finds a request by its filer's idempotency key in the eight days up to now", async () => {
    const registry = createApprovalRegistry(vault);
    await registry.issue(issued("20261126-100000-0000aaaa", { key: "task-1:1:0" }));
    await registry.issue(issued("20261119-100000-0000bbbb", { key: "task-2:1:0" }));
    await registry.issue(issued("20261117-100000-0000cccc", { key: "task-3:1:0" }));
    const fresh = createApprovalRegistry(vault);
    const now = new Date("2026-11-26T12:00:00Z");
    expect(await fresh.byKey("task-1:1:0", now)).toMatchObject({ id: "20261126-100000-0000aaaa" });
    expect(await fresh.byKey("task-2:1:0", now)).toMatchObject({ id: "20261119-100000-0000bbbb" });
    // Nine days back: any request that old has expired, and a new one may be filed.
    expect(await fresh.byKey("task-3:1:0", now)).toBeUndefined();
    expect(await fresh.byKey("task-4:1:0", now)).toBeUndefined();
    await registry.issue(issued("20261126-110000-0000dddd", { key: "task-4:1:0" }));
    expect(await fresh.byKey("task-4:1:0", now)).toMatchObject({ id: "20261126-110000-0000dddd" });
  });

  it("refuses ids that are not note ids or would leave its folder", async () => {
    const registry = createApprovalRegistry(vault);
    expect(await registry.get("../../etc/passwd")).toBeUndefined();
    await expect(registry.issue(issued("../x"))).rejects.toThrow(/not a note id/);
  });
});
