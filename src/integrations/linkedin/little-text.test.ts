import { describe, expect, it } from "vitest";
import { toLittleText } from "./little-text.js";

describe("toLittleText", () => {
  it("escapes every reserved character", () => {
    expect(toLittleText("a|b{c}d@e[f]g(h)i<j>k\\l*m_n~o")).toBe(
      "a\\|b\\{c\\}d\\@e\\[f\\]g\\(h\\)i\\<j\\>k\\\\l\\*m\\_n\\~o",
    );
  });

  it("turns hashtags into the hashtag template and leaves a lone # escaped", () => {
    expect(toLittleText("New work #design, #UX_research! Issue #")).toBe(
      "New work {hashtag|\\#|design}, {hashtag|\\#|UX\\_research}! Issue \\#",
    );
    expect(toLittleText("#first")).toBe("{hashtag|\\#|first}");
    expect(toLittleText("mail@example.com#anchor")).toBe("mail\\@example.com\\#anchor");
  });
});
