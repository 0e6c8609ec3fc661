import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { InboundItem, TaskSink } from "../integrations/inbound-item.js";
import { createVaultSpool } from "./vault-spool.js";

function item(externalId: string): InboundItem {
  return {
    type: "email",
    source: "imap:business",
    externalId,
    from: "ana@client-a.example",
    subject: `Subject ${externalId}`,
    received: "2026-11-26T10:00:00Z",
    body: "text",
  };
}

function diskFull(): Error {
  return Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
}

describe("the vault spool", () => {
  it("keeps items aside while the vault refuses writes and files them once it takes them again", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "spool-"));
    const spool = createVaultSpool(directory);
    const filed: string[] = [];
    let full = true;
    const vault: TaskSink = {
      async submit(value) {
        if (full) throw diskFull();
        filed.push(value.externalId);
        return { created: true, id: value.externalId };
      },
      quarantine: async () => undefined,
      saveAttachment: async () => "x",
    };
    const warnings: unknown[] = [];
    const guarded = spool.guard(vault, (error) => warnings.push(error));
    expect(await guarded.submit(item("a"))).toEqual({ created: false, id: "kept-aside" });
    expect(await guarded.submit(item("b"))).toEqual({ created: false, id: "kept-aside" });
    expect(warnings).toHaveLength(2);
    expect(await spool.drain(vault)).toBe(0);
    expect((await readFile(path.join(directory, "spool.jsonl"), "utf8")).trim().split("\n")).toHaveLength(2);

    full = false;
    expect(await spool.drain(vault)).toBe(2);
    expect(filed).toEqual(["a", "b"]);
    expect(await spool.drain(vault)).toBe(0);
  });

  it("lets other errors through: a bad item is not the vault's fault", async () => {
    const spool = createVaultSpool(await mkdtemp(path.join(tmpdir(), "spool-")));
    const vault: TaskSink = {
      submit: async () => Promise.reject(new Error("invalid")),
      quarantine: async () => undefined,
      saveAttachment: async () => "x",
    };
    await expect(spool.guard(vault, () => undefined).submit(item("c"))).rejects.toThrow("invalid");
  });
});
