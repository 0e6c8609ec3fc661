/**
 * @module `submit_form`: the browser's one side-effecting tool. Its input is the whole submission — URL,
 * every field and value, the button — so the approval a person signs is exactly what is sent: the page
 * is opened afresh, filled from the approved values alone, and submitted once.
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../tool-definition.js";
import type { BrowserSession } from "./browser-session.js";
import { clickTargetInput, fieldValueInput, urlInput } from "./browser-tool-inputs.js";
import { formatSnapshot } from "./format-page.js";
import { hostOf, submissionFacts } from "./submission-facts.js";

/** A form a person can review in one approval; more fields than this is not a form to approve blind. */
const MAX_FIELDS = 50;
/** Enough of the portal's answer to see "Payment received" or the error it shows. */
const EXCERPT_CHARS = 2_000;

export function createSubmitFormTool(session: BrowserSession): ToolDefinition {
  return defineTool({
    name: "submit_form",
    title: "Submit a web form",
    description:
      "Opens the page at url, fills the named fields with the given values and submits the form once — e.g. a " +
      "payment or a supplier order in a portal on the Handbook's Payment Portals list. Side-effecting: it is " +
      "sent only after a person approves this exact URL, fields and values. Give every value the form needs; " +
      "values typed earlier with fill_field are not kept. Name the submit button when the form has several.",
    input: z.object({
      url: urlInput,
      fields: z.array(fieldValueInput).min(1).max(MAX_FIELDS).describe("Every field to fill, in order."),
      submit: clickTargetInput.optional().describe("The submit button, when the form has more than one."),
    }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    effect: "write",
    facts: (submission) => submissionFacts(submission),
    async run(submission, signal) {
      const outcome = await session.submitForm(submission, signal);
      if (outcome.kind === "rendered") {
        return {
          text: `Dry run: the form on ${hostOf(submission.url)} was not sent. What would have been submitted is in ${outcome.outboxPath}.`,
          data: { outboxPath: outcome.outboxPath, url: submission.url },
          dryRun: true,
        };
      }
      return {
        text: formatSnapshot(
          outcome.page,
          `Submitted the form on ${hostOf(submission.url)}; the portal now shows`,
          EXCERPT_CHARS,
        ),
        data: { url: outcome.page.url, title: outcome.page.title },
      };
    },
  });
}
