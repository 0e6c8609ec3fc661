import { describe, expect, it } from "vitest";
import { parseNote, renderNote } from "../vault/note.js";
import { readSimpleFields } from "./front-matter-fields.js";

const WANTED = ["id", "subject", "received", "approvals", "domain", "status"];

function head(text: string): string {
  return text.slice(0, text.indexOf("\n---\n", 4) + 5);
}

describe("reading front matter fields without a YAML parse", () => {
  it("reads what the employee writes exactly as the YAML parser does", () => {
    const subjects = [
      "Invoice for March",
      "Re: invoice #12: urgent",
      "'quoted' and \"double\"",
      "Q1 | report",
      "- looks like a list",
      "yes",
      "null",
      "  padded  ",
      "ünïcödé ✓ 🎉",
      "tab\there",
      "a: b",
      "",
      "line one\nline two",
      "[not a list]",
      "ends with a colon:",
      "#hashtag",
      "100",
      "2026-03-03",
    ];
    let read = 0;
    for (const subject of subjects) {
      const text = renderNote({
        data: {
          id: "20260303-090000-aaaaaa",
          subject,
          received: "2026-03-03T09:00:00.000Z",
          approvals: ["20260303-090500-bbbbbb", "x: y"],
          parameters: { id: "nested, not top level", subject: "nested" },
          domain: "personal",
        },
        body: "# Body\n\nsubject: not front matter\n",
      });
      const expected = parseNote(text, "t").data;
      const fast = readSimpleFields(head(text), WANTED);
      if (fast === undefined) continue; // the caller parses the YAML: always correct
      read += 1;
      expect(fast, JSON.stringify(subject)).toEqual({
        id: expected.id,
        subject: typeof expected.subject === "string" ? expected.subject : String(expected.subject),
        received: expected.received,
        approvals: expected.approvals,
        domain: expected.domain,
      });
    }
    expect(read).toBeGreaterThanOrEqual(subjects.length - 2);
  });

  it("reads the plain forms a person types", () => {
    expect(
      readSimpleFields("---\nid: abc\nsubject: 'it''s done'\napprovals: []\nstatus: ~\n---\n", WANTED),
    ).toEqual({
      id: "abc",
      subject: "it's done",
      approvals: [],
      status: null,
    });
  });

  it("leaves every other form to the YAML parser", () => {
    for (const yaml of [
      "subject: |\n  block\n",
      "subject: >-\n  folded\n",
      "subject: first\n  continued\n",
      "subject: [a, b]\n",
      "subject: &anchor x\n",
      "subject: x # comment\n",
      'subject: "\\x41"\n',
      "subject: 'unclosed\n",
      "approvals:\n  - a\n  - [b]\n",
      "id: a\nid: b\n",
    ]) {
      expect(readSimpleFields(`---\n${yaml}---\n`, WANTED), yaml).toBeUndefined();
    }
  });
});
