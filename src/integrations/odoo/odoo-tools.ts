/**
 * @module The accounting tools, as one explicit list for the MCP server: three that read the books,
 * one that saves an invoice PDF into the vault, and three that change the books (gated by approval).
 * The same tools work on Odoo and on the vault's books; the runtime picks the books.
 */
import type { ToolDefinition } from "../tool-definition.js";
import type { AccountingToolDeps } from "./tools/accounting-tool-deps.js";
import { createCreateInvoiceTool } from "./tools/create-invoice-tool.js";
import { createFinancialSummaryTool } from "./tools/financial-summary-tool.js";
import { createFindPartnerTool } from "./tools/find-partner-tool.js";
import { createGetInvoicePdfTool } from "./tools/get-invoice-pdf-tool.js";
import { createListInvoicesTool } from "./tools/list-invoices-tool.js";
import { createPostInvoiceTool } from "./tools/post-invoice-tool.js";
import { createRegisterPaymentTool } from "./tools/register-payment-tool.js";

export type { AccountingToolDeps } from "./tools/accounting-tool-deps.js";

export function createOdooTools(deps: AccountingToolDeps): ToolDefinition[] {
  return [
    createFindPartnerTool(deps),
    createListInvoicesTool(deps),
    createFinancialSummaryTool(deps),
    createGetInvoicePdfTool(deps),
    createCreateInvoiceTool(deps),
    createPostInvoiceTool(deps),
    createRegisterPaymentTool(deps),
  ];
}
