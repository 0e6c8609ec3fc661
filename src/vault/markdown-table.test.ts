import { describe, expect, it } from "vitest";
import { parseList, parseTable, section } from "./markdown-table.js";

const PAGE = `# Handbook

Intro.

## Known Contacts

| Name | Email |
| ---- | ----- |
| Ana | ana@a.example |

## Rate limits (per hour)

Text before the table.

Action | Per Hour
:----- | -------:
Emails | 10

### A sub-heading stays inside the section

- one
* two
+ three
-not a list item

# Next top-level heading
`;

describe("section", () => {
  it("returns the body under a ## heading, matched by its start, case-insensitively, up to the next # or ##", () => {
    expect(section(PAGE, "known contacts")).toBe("\n| Name | Email |\n| ---- | ----- |\n| Ana | ana@a.example |\n");
    const rates = section(PAGE, "Rate Limits")!;
    expect(rates).toContain("### A sub-heading stays inside the section");
    expect(rates).not.toContain("Next top-level heading");
    expect(section(PAGE, "Missing")).toBeUndefined();
    expect(section(PAGE, "Handbook")).toBeUndefined();
  });

  it("reads CRLF pages", () => {
    expect(section("## A\r\nx\r\n## B\r\ny", "a")).toBe("x");
  });
});

describe("parseTable", () => {
  it("keys rows by the lower-cased header names", () => {
    expect(parseTable(section(PAGE, "Known Contacts")!)).toEqual([{ name: "Ana", email: "ana@a.example" }]);
  });

  it("reads a table without outer pipes and with alignment colons", () => {
    expect(parseTable(section(PAGE, "Rate Limits")!)).toEqual([{ action: "Emails", "per hour": "10" }]);
  });

  it("tolerates what people do to tables: spaces, escaped pipes, missing and extra cells", () => {
    const text = [
      "|  A  |B|  C |",
      "|--|:-:|---|",
      "|  one | two \\| three |four|",
      "| only |",
      "| x | y | z | extra | more |",
      "",
      "| after | a | gap |",
    ].join("\n");
    expect(parseTable(text)).toEqual([
      { a: "one", b: "two | three", c: "four" },
      { a: "only", b: "", c: "" },
      { a: "x", b: "y", c: "z" },
    ]);
  });

  it("needs a separator row: a line with pipes alone is not a table", () => {
    expect(parseTable("a | b\nc | d")).toEqual([]);
    expect(parseTable("")).toEqual([]);
  });

  it("accepts a separator of single dashes, as GFM and Obsidian do", () => {
    expect(parseTable("| a | b |\n|-|-|\n| c | d |")).toEqual([{ a: "c", b: "d" }]);
  });

  it("returns the first table only", () => {
    expect(parseTable("| a |\n| -- |\n| 1 |\n\n| b |\n| -- |\n| 2 |")).toEqual([{ a: "1" }]);
  });
});

describe("parseList", () => {
  it("reads -, * and + items and skips the rest", () => {
    expect(parseList(section(PAGE, "Rate Limits")!)).toEqual(["one", "two", "three"]);
    expect(parseList("-   \n- kept  ")).toEqual(["kept"]);
  });
});
