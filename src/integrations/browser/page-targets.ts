/**
 * @module Finding what a model names on a page — a field by label, placeholder, name or selector; a
 * button or link by its text — and acting on it. Only visible elements count (a hidden honeypot field is
 * never filled), and a name that matches several elements is refused rather than guessed.
 */
import type { Locator, Page } from "playwright-core";
import { LogicError } from "../../governance/errors/logic-error.js";
import type { ClickTarget, FieldTarget } from "./browser-session.js";

/** The little of the DOM the element checks below touch; they run inside Chromium. */
interface InPageControl {
  tagName: string;
  form: unknown;
  getAttribute(name: string): string | null;
  closest(selector: string): InPageControl | null;
}

export interface ControlKind {
  tag: string;
  type: string;
  /** A submit button of a form: clicking it sends the form. */
  submitsForm: boolean;
}

/** Runs in the page: what the element (or the button/input it sits in) is. */
const describeControl = (element: InPageControl): ControlKind => {
  const control = element.closest("button, input, select, textarea") ?? element;
  const tag = control.tagName.toLowerCase();
  const type = (control.getAttribute("type") ?? (tag === "button" ? "submit" : "")).toLowerCase();
  const submitButton =
    (tag === "button" && type === "submit") || (tag === "input" && (type === "submit" || type === "image"));
  return { tag, type, submitsForm: submitButton && control.form !== null };
};

export async function controlKind(locator: Locator): Promise<ControlKind> {
  return locator.evaluate(describeControl);
}

function describe(target: FieldTarget | ClickTarget): string {
  if (target.selector !== undefined) return `selector ${JSON.stringify(target.selector)}`;
  if ("label" in target && target.label !== undefined) return `field ${JSON.stringify(target.label)}`;
  if ("text" in target && target.text !== undefined) return `${JSON.stringify(target.text)}`;
  return "(nothing named)";
}

async function single(candidates: Locator[], what: string, page: Page): Promise<Locator> {
  for (const candidate of candidates) {
    const visible = candidate.filter({ visible: true });
    const count = await visible.count();
    if (count === 1) return visible;
    if (count > 1) {
      throw new LogicError(
        `${count} elements match ${what} on ${page.url()}: use a CSS selector that picks one`,
      );
    }
  }
  throw new LogicError(
    `Nothing visible matches ${what} on ${page.url()}: read_page lists the page's fields and buttons`,
  );
}

export async function locateField(
  page: Page,
  target: FieldTarget,
): Promise<{ locator: Locator; description: string }> {
  const description = describe(target);
  if (target.selector !== undefined)
    return { locator: await single([page.locator(target.selector)], description, page), description };
  const label = target.label ?? "";
  const candidates = [
    page.getByLabel(label, { exact: true }),
    page.getByPlaceholder(label, { exact: true }),
    page.locator(`[name="${label.replace(/["\\]/g, "\\$&")}"]`),
    page.getByLabel(label),
  ];
  return { locator: await single(candidates, description, page), description };
}

export async function locateClickTarget(
  page: Page,
  target: ClickTarget,
): Promise<{ locator: Locator; description: string }> {
  const description = describe(target);
  if (target.selector !== undefined)
    return { locator: await single([page.locator(target.selector)], description, page), description };
  const name = target.text ?? "";
  const candidates = [
    page.getByRole("button", { name, exact: true }).or(page.getByRole("link", { name, exact: true })),
    page.getByRole("button", { name }).or(page.getByRole("link", { name })),
    page.getByText(name, { exact: true }),
  ];
  return { locator: await single(candidates, description, page), description };
}

const CHECKED = /^(true|yes|on|1|checked|x)$/i;
const UNCHECKED = /^(false|no|off|0|unchecked|)$/i;

/** Sets a field the way a person would: types into text, picks an option, ticks a box. Never presses Enter. */
export async function setField(locator: Locator, value: string, description: string): Promise<void> {
  const kind = await controlKind(locator);
  if (kind.tag === "select") {
    await locator.selectOption(value);
  } else if (kind.type === "checkbox" || kind.type === "radio") {
    if (!CHECKED.test(value) && !UNCHECKED.test(value)) {
      throw new LogicError(
        `${description} is a ${kind.type}: give "true" or "false", not ${JSON.stringify(value)}`,
      );
    }
    await locator.setChecked(CHECKED.test(value));
  } else if (kind.type === "file") {
    throw new LogicError(`${description} uploads a file, which the browser tools do not do`);
  } else if (kind.submitsForm || kind.type === "button" || kind.type === "reset") {
    throw new LogicError(`${description} is a button, not a field`);
  } else {
    await locator.fill(value);
  }
}

/**
 * The control that submits the form a field belongs to: the named one, else the form's only submit
 * button, else none (the form is submitted as Enter would, with `requestSubmit`).
 */
export async function locateSubmitControl(
  page: Page,
  firstField: Locator,
  named: ClickTarget | undefined,
): Promise<{ form: Locator; button: Locator | undefined }> {
  const form = firstField.locator("xpath=ancestor::form[1]");
  if ((await form.count()) !== 1) {
    throw new LogicError(
      `The first field is not inside a form on ${page.url()}: submit_form fills and sends one HTML form`,
    );
  }
  if (named !== undefined) {
    const { locator, description } = await locateClickTarget(page, named);
    if (!(await controlKind(locator)).submitsForm)
      throw new LogicError(`${description} is not a submit button of a form`);
    return { form, button: locator };
  }
  const buttons = form
    .locator("button[type=submit], button:not([type]), input[type=submit], input[type=image]")
    .filter({ visible: true });
  const count = await buttons.count();
  if (count > 1)
    throw new LogicError(
      `The form on ${page.url()} has ${count} submit buttons: say which one with "submit"`,
    );
  return { form, button: count === 1 ? buttons : undefined };
}
