import { existsSync } from "node:fs";
import { mkdir, mkdtemp, open, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMemoryTaskSink } from "../../../test/support/memory-task-sink.js";
import { createDropFolderWatcher } from "./drop-folder-watcher.js";

async function setUp() {
  const vault = await mkdtemp(path.join(tmpdir(), "drops-"));
  await mkdir(path.join(vault, "Inbox"));
  const memory = createMemoryTaskSink(vault);
  const errors: unknown[] = [];
  const watcher = createDropFolderWatcher({
    vaultRoot: vault,
    sink: memory.sink,
    now: () => new Date(),
    onError: (error) => errors.push(error),
  });
  return { vault, memory, errors, watcher };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the drop-folder watcher", () => {
  it("picks up files that arrived while it was down, hostile names included, and keeps them in the vault", async () => {
    const { vault, memory, watcher } = await setUp();
    const hostile = `..\u0001\u202eevil ${"n".repeat(300)}.txt`.slice(0, 250);
    await writeFile(path.join(vault, "Inbox", hostile), "hello");
    await writeFile(path.join(vault, "Inbox", "scan.bin"), Buffer.from([0, 159, 146, 150, 0]));
    await writeFile(path.join(vault, "Inbox", ".DS_Store"), "junk");
    expect(await watcher.poll()).toBe(2);
    expect(memory.items.map((item) => item.type)).toEqual(["file_drop", "file_drop"]);
    const kept = await readdir(path.join(vault, "Attachments", "files"));
    expect(kept).toHaveLength(2);
    expect(kept.every((name) => !/[\u0000-\u001f\u202e/]/.test(name) && Buffer.byteLength(name) <= 255)).toBe(
      true,
    );
    expect(await readdir(path.join(vault, "Inbox"))).toEqual([".DS_Store"]);
  });

  it("waits for a file still being written, and never queues the same content twice", async () => {
    const { vault, memory, watcher, errors } = await setUp();
    const controller = new AbortController();
    const listening = watcher.listen!(controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const handle = await open(path.join(vault, "Inbox", "slow.txt"), "w");
    // Chunks a few milliseconds apart, as a copy over a slow disk writes them: the watcher must wait.
    for (let index = 0; index < 5; index += 1) {
      await handle.write(`line ${index}\n`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await handle.close();
    await until(() => memory.items.length === 1);
    expect(memory.items[0]!.body).toBe("line 0\nline 1\nline 2\nline 3\nline 4\n");
    await writeFile(path.join(vault, "Inbox", "copy.txt"), "line 0\nline 1\nline 2\nline 3\nline 4\n");
    await until(() => !existsSync(path.join(vault, "Inbox", "copy.txt")));
    controller.abort();
    await listening;
    expect(memory.items).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
