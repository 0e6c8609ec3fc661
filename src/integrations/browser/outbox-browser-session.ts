/**
 * @module The dry-run browser: pages are opened, read, filled and clicked for real (none of that sends
 * data, see `chromium-session.ts`), but a form submission is rendered to `Outbox/` — URL, fields, values,
 * the button — instead of being sent. The allow-list applies as it would for real, so a dry run shows
 * the refusal a real run would meet.
 */
import type { Outbox } from "../../vault/outbox.js";
import { slug } from "../../vault/safe-name.js";
import type { BrowserSession, FormSubmission } from "./browser-session.js";
import { amountFromFields, fieldName } from "./form-amount.js";
import { checkUrl, createHostAllowList } from "./host-allow-list.js";
import { shownValue } from "./submission-facts.js";

export interface OutboxBrowserSessionDeps {
  /** The real session, for everything that sends nothing. */
  session: BrowserSession;
  outbox: Outbox;
  allowedHosts(): Promise<string[]>;
  now(): Date;
}

/** Markdown table cells: a `|` or a line break in a value must not break the table. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function renderSubmission(submission: FormSubmission, url: URL, now: Date): string {
  const amount = amountFromFields(submission.fields);
  const button = submission.submit?.text ?? submission.submit?.selector ?? "the form's submit button";
  return [
    `# Form submission on ${url.hostname} (dry run)`,
    "",
    "Nothing was sent: DRY_RUN is on. With it off, the browser would open the page below, fill these",
    "fields and press the submit button once.",
    "",
    `- **URL:** ${url.href}`,
    `- **Submit:** ${button}`,
    ...(amount === undefined ? [] : [`- **Amount:** ${amount.value} ${amount.currency}`]),
    `- **Rendered:** ${now.toISOString()}`,
    "",
    "| Field | Value |",
    "| ----- | ----- |",
    ...submission.fields.map((field) => `| ${cell(fieldName(field))} | ${cell(shownValue(field))} |`),
    "",
  ].join("\n");
}

export function createOutboxBrowserSession(deps: OutboxBrowserSessionDeps): BrowserSession {
  const { session } = deps;
  return {
    open: (url, signal) => session.open(url, signal),
    read: (signal) => session.read(signal),
    fill: (field, signal) => session.fill(field, signal),
    click: (target, signal) => session.click(target, signal),
    screenshot: (options, signal) => session.screenshot(options, signal),
    async submitForm(submission) {
      const url = checkUrl(submission.url, createHostAllowList(await deps.allowedHosts()));
      const outboxPath = await deps.outbox.write(
        `browser-submit_${slug(url.hostname)}.md`,
        renderSubmission(submission, url, deps.now()),
      );
      return { kind: "rendered", outboxPath };
    },
    isRunning: () => session.isRunning(),
    close: () => session.close(),
  };
}
