/**
 * @module The one moment the browser may send data: fill an approved form on an open page and submit
 * it once. Everything is found and checked before anything is typed, so a missing field, an ambiguous
 * button or a value the form rejects sends nothing. Once the submit is clicked, any failure is reported
 * as "may have been sent" and never as retryable: a payment must not go out twice.
 */
import type { BrowserContext, Page } from "playwright-core";
import { LogicError } from "../../governance/errors/logic-error.js";
import type { FormSubmission } from "./browser-session.js";
import { locateField, locateSubmitControl, setField } from "./page-targets.js";
import { trackSubmission } from "./submission-tracker.js";

/** How long the portal may take to answer the submission (a payment can take a while). */
const SUBMIT_SETTLE_MS = 15_000;

/** The little of a form element the checks below touch; they run inside Chromium. */
interface InPageForm {
  elements: ArrayLike<{
    willValidate?: boolean;
    validity?: { valid: boolean };
    validationMessage?: string;
    name?: string;
  }>;
  requestSubmit(): void;
}

const invalidFields = (form: InPageForm): string[] =>
  Array.from(form.elements)
    .filter((element) => element.willValidate === true && element.validity?.valid === false)
    .map((element) => `${element.name || "field"}: ${element.validationMessage ?? "invalid"}`);

const requestSubmit = (form: InPageForm): void => form.requestSubmit();

export interface SubmitLocatedFormInput {
  page: Page;
  context: BrowserContext;
  /** The session's write gate, opened only around the submit click. */
  gate: { writesOpen: boolean };
  submission: FormSubmission;
}

export async function submitLocatedForm({
  page,
  context,
  gate,
  submission,
}: SubmitLocatedFormInput): Promise<void> {
  const host = new URL(page.url()).hostname;
  const located = [];
  for (const field of submission.fields)
    located.push({ ...(await locateField(page, field)), value: field.value });
  const first = located[0];
  if (first === undefined) throw new LogicError("submit_form needs at least one field to fill");
  const { form, button } = await locateSubmitControl(page, first.locator, submission.submit);
  for (const field of located) await setField(field.locator, field.value, field.description);

  const invalid = await form.evaluate(invalidFields);
  if (invalid.length > 0) {
    throw new LogicError(
      `The form on ${host} refuses these values, so nothing was sent: ${invalid.join("; ")}`,
    );
  }

  const tracker = trackSubmission(context, page);
  gate.writesOpen = true;
  try {
    if (button !== undefined) await button.click();
    else await form.evaluate(requestSubmit);
    await page.waitForLoadState("load", { timeout: SUBMIT_SETTLE_MS }).catch(() => undefined);
    await tracker.settled(SUBMIT_SETTLE_MS);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n", 1)[0] ?? "";
    throw new LogicError(
      `The form on ${host} may or may not have been sent (${reason}): check the portal before trying again; it is not retried automatically`,
      { cause: error },
    );
  } finally {
    gate.writesOpen = false;
    tracker.dispose();
  }

  if (!tracker.sent) {
    throw new LogicError(
      `Submitting the form on ${host} sent nothing: the page's own checks may have stopped it; read_page shows why`,
    );
  }
  const failed = tracker.statuses.find((status) => status >= 400);
  if (failed !== undefined) {
    throw new LogicError(
      `The form was sent to ${host} and the portal answered HTTP ${failed}: check the portal before trying again; it is not retried automatically`,
    );
  }
}
