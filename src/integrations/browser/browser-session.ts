/**
 * @module The browser as the tools see it: one headless page the employee drives, behind an interface
 * with two adapters — Chromium (`chromium-session.ts`) and the dry run (`outbox-browser-session.ts`),
 * which reads pages for real but renders a form submission to `Outbox/` instead of sending it.
 */
import type { PageSnapshot } from "./page-snapshot.js";

/** A form field, named the way a person would (its label, placeholder or name) or by CSS selector. */
export interface FieldTarget {
  label?: string;
  selector?: string;
}

export interface FieldValue extends FieldTarget {
  value: string;
}

/** A button or link, by its visible text or by CSS selector. */
export interface ClickTarget {
  text?: string;
  selector?: string;
}

/** Everything a submission needs, so an approved request runs exactly what a person saw. */
export interface FormSubmission {
  url: string;
  fields: FieldValue[];
  /** Which submit button, when the form has more than one. */
  submit?: ClickTarget;
}

export type SubmissionOutcome =
  { kind: "submitted"; page: PageSnapshot } | { kind: "rendered"; outboxPath: string };

export interface FillOutcome {
  /** How the field was found, e.g. `field "Amount"`. */
  field: string;
  url: string;
  /** Data the page tried to send while the field changed (stopped; see `PageSnapshot`). */
  blockedWrites: string[];
}

export interface Screenshot {
  png: Buffer;
  url: string;
  title: string;
}

export interface BrowserSession {
  /** Opens an allow-listed http(s) URL in the session's page. */
  open(url: string, signal: AbortSignal): Promise<PageSnapshot>;
  /** Reads the current page again (it may have changed since it was opened). */
  read(signal: AbortSignal): Promise<PageSnapshot>;
  fill(field: FieldValue, signal: AbortSignal): Promise<FillOutcome>;
  /** Clicks a link or a button that does not submit a form; the page may not send data. */
  click(target: ClickTarget, signal: AbortSignal): Promise<PageSnapshot>;
  screenshot(options: { fullPage: boolean }, signal: AbortSignal): Promise<Screenshot>;
  /** Opens the form's page, fills it and submits it once. Gated by an approval upstream. */
  submitForm(submission: FormSubmission, signal: AbortSignal): Promise<SubmissionOutcome>;
  /** Whether a Chromium process is running right now (the idle daemon holds none). */
  isRunning(): boolean;
  close(): Promise<void>;
}
