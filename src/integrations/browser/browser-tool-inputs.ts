/**
 * @module The input shapes the browser tools share, with descriptions written for a model.
 */
import { z } from "zod";

/** Long enough for a real label or selector; a page-length "label" is a mistake or an injection. */
const MAX_NAME_CHARS = 300;
/** A form value is a line or a short note, not a document. */
const MAX_VALUE_CHARS = 2_000;

export const urlInput = z
  .string()
  .min(1)
  .max(2_048)
  .describe("The full http(s) address. Only hosts on the Handbook's Payment Portals list can be opened.");

const onlyOne = (target: { selector?: string | undefined }, other: string | undefined): boolean =>
  (target.selector === undefined) !== (other === undefined);

export const fieldShape = {
  label: z
    .string()
    .min(1)
    .max(MAX_NAME_CHARS)
    .optional()
    .describe('The field\'s label, placeholder or name as read_page lists it, e.g. "Amount".'),
  selector: z
    .string()
    .min(1)
    .max(MAX_NAME_CHARS)
    .optional()
    .describe(
      "A CSS selector for the field, when its label is missing or not unique. Give label or selector.",
    ),
  value: z
    .string()
    .max(MAX_VALUE_CHARS)
    .describe('The value to enter; "true"/"false" for a checkbox, an option\'s text for a list.'),
};

export const fieldValueInput = z
  .object(fieldShape)
  .refine((field) => onlyOne(field, field.label), { message: "give either label or selector, not both" });

export const clickShape = {
  text: z
    .string()
    .min(1)
    .max(MAX_NAME_CHARS)
    .optional()
    .describe('The visible text of the button or link, e.g. "Invoices".'),
  selector: z
    .string()
    .min(1)
    .max(MAX_NAME_CHARS)
    .optional()
    .describe("A CSS selector for it, when the text is missing or not unique. Give text or selector."),
};

export const clickTargetInput = z
  .object(clickShape)
  .refine((target) => onlyOne(target, target.text), { message: "give either text or selector, not both" });
