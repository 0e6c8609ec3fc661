import { mkdtemp, open, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
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

  it("rewrites a marker in place: cut short by a crash, it still reads the new value", async () => {
    const seen = createSeenIndex(directory);
    await seen.add("files\u0000abc", "pending FILE_a-long-name_20261126-100000-cccccccc.md");
    await seen.record("files\u0000abc", "20261126-100000-cccccccc");
    const [marker] = await markers();
    expect(await readFile(marker!, "utf8")).toBe("20261126-100000-cccccccc\n");
    // A crash between writing the new line and cutting the marker to its length.
    await seen.record("files\u0000abc", "pending FILE_a-long-name_20261126-100000-cccccccc.md");
    const handle = await open(marker!, "r+");
    await handle.write("20261126-100000-dddddddd\n", 0);
    await handle.close();
    expect(await seen.get("files\u0000abc")).toBe("20261126-100000-dddddddd");
  });

  it("reads a marker written without a line end, as earlier versions wrote them", async () => {
    const seen = createSeenIndex(directory);
    await seen.record("files\u0000abc", "placeholder");
    const [marker] = await markers();
    await writeFile(marker!, "20261126-100000-eeeeeeee");
    expect(await seen.get("files\u0000abc")).toBe("20261126-100000-eeeeeeee");
    expect(await seen.add("files\u0000abc", "pending other.md")).toBe("20261126-100000-eeeeeeee");
  });

  it("refuses a value of more than one line", async () => {
    await expect(createSeenIndex(directory).record("files\u0000abc", "one\ntwo")).rejects.toThrow(/one line/);
  });
});
