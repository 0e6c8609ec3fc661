/**
 * @module `screenshot`: a PNG of the open page saved into the vault, so a person sees what the employee saw
 * (a filled form before approving it, a receipt after paying).
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../tool-definition.js";
import type { BrowserSession } from "./browser-session.js";

export interface ScreenshotToolDeps {
  session: BrowserSession;
  /** Writes the PNG into the vault and returns its vault-relative path. */
  saveScreenshot(png: Buffer): Promise<string>;
}

export function createScreenshotTool(deps: ScreenshotToolDeps): ToolDefinition {
  return defineTool({
    name: "screenshot",
    title: "Screenshot the open page",
    description:
      "Saves a PNG picture of the page the browser has open into the vault and returns its path, e.g. to show " +
      "a person a filled form or a payment receipt. Set full_page to capture the whole page, not just the screen.",
    input: z.object({
      full_page: z
        .boolean()
        .optional()
        .describe("Capture the whole scrollable page (default: the visible screen)."),
    }),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    effect: "read",
    async run({ full_page }, signal) {
      const shot = await deps.session.screenshot({ fullPage: full_page ?? false }, signal);
      const path = await deps.saveScreenshot(shot.png);
      return {
        text: `Saved a screenshot of ${shot.url} to ${path}`,
        data: { path, url: shot.url, bytes: shot.png.length },
      };
    },
  });
}
