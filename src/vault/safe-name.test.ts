import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { safeFileName, slug } from "./safe-name.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "safe-name-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** The name must be one plain entry of `directory`: writable there, and nowhere else. */
async function writesInside(name: string): Promise<void> {
  const target = path.join(directory, name);
  expect(path.dirname(target)).toBe(directory);
  await writeFile(target, "x");
  expect(await readdir(directory)).toContain(name);
}

describe("safeFileName", () => {
  it("cannot climb out of a folder or hide as a dot-file", async () => {
    for (const hostile of ["../../x", "..\\..\\x", "/etc/passwd", "..", ".", ".bashrc", "a/../../b.txt"]) {
      const name = safeFileName(hostile);
      expect(name).not.toMatch(/[/\\]/);
      expect(name.startsWith(".")).toBe(false);
      expect(name).not.toBe("");
      await writesInside(name);
    }
    expect(safeFileName("../../x")).toBe("_.._x");
    expect(safeFileName("..")).toBe("file");
  });

  it("replaces control, reserved and bidi-override characters", () => {
    const name = safeFileName("in\u0000voice\n\r\t\u001b[31m:*?\"<>|\u202egpj.exe");
    expect(name).not.toMatch(/[\u0000-\u001f\u007f:*?"<>|\u202e]/);
    expect(name).toContain("voice");
  });

  it("keeps a short plain extension and trims the stem to the limit", async () => {
    const name = safeFileName(`${"a".repeat(300)}.pdf`);
    expect(name).toHaveLength(100);
    expect(name.endsWith(".pdf")).toBe(true);
    expect(safeFileName("b".repeat(300), 40)).toBe("b".repeat(40));
    await writesInside(name);
  });

  it("keeps unicode readable, normalised and unsplit", async () => {
    expect(safeFileName("Cafe\u0301 résumé.pdf")).toBe("Café résumé.pdf");
    expect(safeFileName("請求書 2026.pdf")).toBe("請求書 2026.pdf");
    const emoji = safeFileName("😀".repeat(300));
    // Code points, not UTF-16 halves: no lone surrogate at the cut.
    expect(emoji).toBe("😀".repeat([...emoji].length));
    await writesInside(emoji);
  });

  it("stays within the file system's 255-byte name limit for long non-ASCII names, with room for a prefix", async () => {
    for (const long of ["😀".repeat(300), `${"請".repeat(300)}.pdf`, "é".repeat(300)]) {
      const name = safeFileName(long);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
      await writesInside(`20261126-013600-7f3a9c_${name}`);
    }
    expect(safeFileName(`${"請".repeat(300)}.pdf`).endsWith(".pdf")).toBe(true);
  });

  it("collapses whitespace and falls back to 'file' for nothing", () => {
    expect(safeFileName("  quarterly   report  .txt ")).toBe("quarterly report.txt");
    expect(safeFileName("")).toBe("file");
    expect(safeFileName("\u200b\u200b")).toBe("file");
  });
});

describe("slug", () => {
  it("is lowercase ASCII words joined by dashes, bounded, never empty", () => {
    expect(slug("Re: Invoice #42 — Ação!")).toBe("re-invoice-42-acao");
    expect(slug("../../etc/passwd")).toBe("etc-passwd");
    expect(slug("請求書")).toBe("item");
    expect(slug("word ".repeat(40), 12)).toBe("word-word-wo");
    expect(slug("a".repeat(39) + " b", 40)).toBe("a".repeat(39));
  });
});
