/**
 * @module `fill_field`: type a value into a field of the open page.
 *
 * Not gated by an approval (`effect: "read"`): filling changes only the page in the employee's own
 * browser. Nothing leaves the machine — the field is never followed by Enter, and the session stops any
 * data the page's script tries to send on input (every non-GET request and WebSocket) — until
 * `submit_form`, which a person approves, sends the form with the values it names itself. It is not
 * read-only for MCP clients (the page changes) but idempotent: the same value twice is the same page.
 */
import { defineTool, type ToolDefinition } from "../tool-definition.js";
import type { BrowserSession } from "./browser-session.js";
import { fieldValueInput } from "./browser-tool-inputs.js";

export function createFillFieldTool(session: BrowserSession): ToolDefinition {
  return defineTool({
    name: "fill_field",
    title: "Fill a field on the open page",
    description:
      "Types a value into one field of the page the browser has open (a text box, a list, a checkbox), found " +
      "by its label, placeholder or name, or by CSS selector. Nothing is sent: to send a form, call " +
      "submit_form with the page's URL and all the values, which asks a person first.",
    input: fieldValueInput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    effect: "read",
    async run(field, signal) {
      const outcome = await session.fill(field, signal);
      const stopped =
        outcome.blockedWrites.length > 0
          ? ` The page tried to send data as the field changed and was stopped: ${outcome.blockedWrites.join(", ")}.`
          : "";
      return {
        text: `Filled ${outcome.field} on ${outcome.url}. Nothing was sent.${stopped}`,
        data: { url: outcome.url, field: outcome.field },
      };
    },
  });
}
