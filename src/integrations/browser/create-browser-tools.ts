/**
 * @module The browser's MCP tools, as an explicit list. The runtime passes the session it picked —
 * Chromium, or the Outbox adapter in dry run — and the tools never ask which.
 */
import type { ToolDefinition } from "../tool-definition.js";
import type { BrowserSession } from "./browser-session.js";
import { createClickTool } from "./click-tool.js";
import { createFillFieldTool } from "./fill-field-tool.js";
import { createOpenPageTool } from "./open-page-tool.js";
import { createReadPageTool } from "./read-page-tool.js";
import { createScreenshotTool } from "./screenshot-tool.js";
import { createSubmitFormTool } from "./submit-form-tool.js";

export interface BrowserToolsDeps {
  session: BrowserSession;
  /** Writes a PNG into the vault and returns its vault-relative path. */
  saveScreenshot(png: Buffer): Promise<string>;
}

export function createBrowserTools(deps: BrowserToolsDeps): ToolDefinition[] {
  return [
    createOpenPageTool(deps.session),
    createReadPageTool(deps.session),
    createFillFieldTool(deps.session),
    createClickTool(deps.session),
    createScreenshotTool(deps),
    createSubmitFormTool(deps.session),
  ];
}
