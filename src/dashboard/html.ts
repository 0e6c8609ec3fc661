/**
 * @module An `html` tagged template that escapes every interpolated value, so a page built with it
 * cannot carry markup from untrusted content (an email's subject, a proposed payload, a flash message).
 * Only fragments built by `html` itself pass through unescaped.
 *
 * @example
 * const row = html`<td>${request.summary}</td>`; // "<script>" becomes "&lt;script&gt;"
 * const page = html`<table>${rows}</table>`;     // arrays of fragments are joined
 */

/** Markup that was built by `html`, and so is already escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join("");
  // `false`, `null` and `undefined` render nothing, so `${condition && html`…`}` reads naturally.
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}
