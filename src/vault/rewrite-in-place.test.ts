import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rewriteInPlace } from "./rewrite-in-place.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "rewrite-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("rewriting a file in place", () => {
  it("creates the file and its folder when missing, then rewrites it longer and shorter", async () => {
    const file = path.join(directory, "a", "b", "head.json");
    rewriteInPlace(file, "first");
    expect(await readFile(file, "utf8")).toBe("first");
    const { ino } = await stat(file);
    rewriteInPlace(file, "a longer second text");
    expect(await readFile(file, "utf8")).toBe("a longer second text");
    rewriteInPlace(file, "third");
    expect(await readFile(file, "utf8")).toBe("third");
    // The same file throughout: never replaced by another.
    expect((await stat(file)).ino).toBe(ino);
  });
});
