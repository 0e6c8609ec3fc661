import { describe, expect, it } from "vitest";
import { html } from "./html.js";

describe("html", () => {
  it("escapes every interpolated value but keeps fragments it built itself", () => {
    // prettier-ignore
    const cell = html`<td title="${`"quoted" & 'single'`}">${"<b>bold</b>"}</td>`;
    // prettier-ignore
    const row = html`<tr>${[cell, html`<td>${42}</td>`]}${false}${null}${undefined}</tr>`;
    expect(row.value).toBe(
      `<tr><td title="&quot;quoted&quot; &amp; &#39;single&#39;">&lt;b&gt;bold&lt;/b&gt;</td><td>42</td></tr>`,
    );
  });
});
