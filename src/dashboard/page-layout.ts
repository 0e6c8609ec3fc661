/**
 * @module The frame of every dashboard page: a small inline stylesheet (the Content-Security-Policy
 * allows inline styles and nothing else), no scripts, and a one-line page for refusals.
 */
import { html, SafeHtml } from "./html.js";

const STYLESHEET = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem; color: #1d1d1f; background: #fafafa; }
h1 { font-size: 1.4rem; margin: 0.2rem 0; } h2 { font-size: 1.1rem; margin-top: 1.8rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; background: #fff; } th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid #eee; vertical-align: top; }
pre { background: #fff; border: 1px solid #ddd; padding: 0.8rem; overflow: auto; white-space: pre-wrap; word-break: break-word; }
form { display: inline-flex; gap: 0.3rem; margin: 0.1rem 0.3rem 0.1rem 0; }
button { cursor: pointer; padding: 0.2rem 0.7rem; border-radius: 4px; border: 1px solid #888; background: #fff; }
button.approve { border-color: #1a7f37; color: #1a7f37; } button.reject { border-color: #b42318; color: #b42318; }
input[name=reason] { width: 14rem; }
.muted { color: #666; } .tag { font-size: 0.8rem; padding: 0 0.4rem; border-radius: 3px; background: #eee; }
.tag.warn, .flash.error { background: #fdecea; color: #8a1c12; } .flash { padding: 0.6rem 0.8rem; border-radius: 4px; }
.flash.ok { background: #e8f5ec; color: #14532d; } .counts span { margin-right: 1.2rem; white-space: nowrap; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
`;

/** The stylesheet is a constant of this file, not content: it goes out as written. */
const STYLESHEET_HTML = new SafeHtml(STYLESHEET);

export function renderPage(title: string, content: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title} · AI Employee</title>
        <style>
          ${STYLESHEET_HTML}
        </style>
      </head>
      <body>
        ${content}
      </body>
    </html> `.value;
}

/** A refusal or a dead end, in one line: no detail an intruder could use. */
export function renderMessagePage(title: string, message: string): string {
  return renderPage(
    title,
    html`<h1>${title}</h1>
      <p>${message}</p>`,
  );
}
