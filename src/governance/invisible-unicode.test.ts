import { describe, expect, it } from "vitest";
import { stripInvisibleUnicode } from "./invisible-unicode.js";

describe("stripInvisible", () => {
  it("removes characters a person cannot see and keeps the text", () => {
    const smuggled = [..."IGNORE"].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("");
    expect(stripInvisibleUnicode(`pay\u200bment\u200d due${smuggled}\u202e!\ufeff`)).toBe("payment due!");
    expect(stripInvisibleUnicode("soft\u00adhyphen\u2066isolate\u2069 vs\ufe0f tab\tnew\nline\u0007")).toBe(
      "softhyphenisolate vs tab\tnew\nline",
    );
  });

  it("leaves ordinary text, accents and non-Latin scripts alone", () => {
    const text = "Café – 120,00 € · ادائیگی · 支付 · Zürich";
    expect(stripInvisibleUnicode(text)).toBe(text);
  });
});
