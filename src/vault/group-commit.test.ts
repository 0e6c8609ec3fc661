import { describe, expect, it } from "vitest";
import { createGroupCommit } from "./group-commit.js";

describe("group commit", () => {
  it("writes what arrives during a batch as the next batch, each caller getting its own result", async () => {
    const batches: number[][] = [];
    const append = createGroupCommit(async (batch: number[]) => {
      batches.push(batch);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return batch.map((item) => item * 10);
    });
    const results = await Promise.all(Array.from({ length: 50 }, (_, index) => append(index)));
    expect(results).toEqual(Array.from({ length: 50 }, (_, index) => index * 10));
    // The first item starts a batch alone; the other 49 arrived while it was written.
    expect(batches).toEqual([[0], Array.from({ length: 49 }, (_, index) => index + 1)]);
  });

  it("keeps a batch open for the window", async () => {
    const batches: string[][] = [];
    const append = createGroupCommit(async (batch: string[]) => {
      batches.push(batch);
      return batch;
    }, 5);
    const first = append("a");
    await new Promise((resolve) => setTimeout(resolve, 1));
    await Promise.all([first, append("b")]);
    expect(batches).toEqual([["a", "b"]]);
  });

  it("rejects every item of a failed batch and goes on with the next", async () => {
    let calls = 0;
    const append = createGroupCommit(async (batch: string[]) => {
      calls += 1;
      if (calls === 1) throw new Error("disk full");
      return batch;
    }, 5);
    const failed = [append("a"), append("b")];
    await expect(failed[0]).rejects.toThrow("disk full");
    await expect(failed[1]).rejects.toThrow("disk full");
    await expect(append("c")).resolves.toBe("c");
  });
});
