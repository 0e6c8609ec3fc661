/**
 * @module `click`: follow a link or press a button that does not submit a form.
 *
 * Not gated by an approval (`effect: "read"`), and here is why that is safe. A click on a form's submit
 * button is refused and sent to `submit_form` (gated, with the exact values in the approval). Any other
 * click may navigate — to an allow-listed host only — but cannot send data: outside `submit_form` the
 * session stops every non-GET request and WebSocket, so a "Pay" button wired to a script's POST does
 * nothing. Gating every click instead would put a person in the loop of moving between portal pages.
 */
import { defineTool, type ToolDefinition } from "../tool-definition.js";
import type { BrowserSession } from "./browser-session.js";
import { clickTargetInput } from "./browser-tool-inputs.js";
import { formatSnapshot } from "./format-page.js";

/** After a click the model needs to see where it landed, not the whole page again. */
const EXCERPT_CHARS = 3_000;

export function createClickTool(session: BrowserSession): ToolDefinition {
  return defineTool({
    name: "click",
    title: "Click a link or button",
    description:
      "Clicks a link or button on the open page, found by its visible text or a CSS selector, and returns the " +
      "page it leads to. It cannot submit a form or send data: a form's submit button is refused (use " +
      "submit_form, which asks a person first), and data the page tries to send on click is stopped. Links " +
      "to hosts outside the Handbook's Payment Portals list are refused.",
    input: clickTargetInput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    effect: "read",
    async run(target, signal) {
      const page = await session.click(target, signal);
      return {
        text: formatSnapshot(page, "Clicked; now on", EXCERPT_CHARS),
        data: { url: page.url, title: page.title, blockedWrites: page.blockedWrites },
      };
    },
  });
}
