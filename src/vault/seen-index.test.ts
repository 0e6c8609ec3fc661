import { mkdtemp, readdir, rm, truncate } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSeenIndex } from "./seen-index.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "seen-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Every marker file under the index's folder. */
async function markers(): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe("the seen index", () => {
  it("records a value under a key and reads it back, also in another instance", async () => {
    const seen = createSeenIndex(directory);
    expect(await seen.get("gmail\u0000msg-1")).toBeUndefined();
    await seen.record("gmail\u0000msg-1", "20261126-100000-aaaaaaaa");
    expect(await seen.get("gmail\u0000msg-1")).toBe("20261126-100000-aaaaaaaa");
    expect(await createSeenIndex(directory).get("gmail\u0000msg-1")).toBe("20261126-100000-aaaaaaaa");
    expect(await seen.get("gmail\u0000msg-2")).toBeUndefined();
  });

  it("adds a key once: a second add, from any instance, gets the first value back", async () => {
    const first = createSeenIndex(directory);
    const second = createSeenIndex(directory);
    expect(await first.add("files\u0000abc", "pending one.md")).toBeUndefined();
    expect(await second.add("files\u0000abc", "pending two.md")).toBe("pending one.md");
    expect(await first.get("files\u0000abc")).toBe("pending one.md");
    await first.record("files\u0000abc", "20261126-100000-bbbbbbbb");
    expect(await second.add("files\u0000abc", "pending three.md")).toBe("20261126-100000-bbbbbbbb");
  });

  it("counts a marker a crash left empty as never recorded", async () => {
    const seen = createSeenIndex(directory);
    await seen.record("files\u0000abc", "pending one.md");
    const [marker] = await markers();
    await truncate(marker!);
    expect(await seen.get("files\u0000abc")).toBeUndefined();
    expect(await seen.add("files\u0000abc", "pending two.md")).toBeUndefined();
    expect(await seen.get("files\u0000abc")).toBe("pending two.md");
  });
});
