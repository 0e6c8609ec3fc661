/**
 * @module `find_partner`: looks a customer up in the books by part of their name or email.
 */
import { z } from "zod";
import { defineTool, type ToolDefinition } from "../../tool-definition.js";
import { READ_ANNOTATIONS, type AccountingToolDeps } from "./accounting-tool-deps.js";

export function createFindPartnerTool(deps: AccountingToolDeps): ToolDefinition {
  return defineTool({
    name: "find_partner",
    title: "Find a customer",
    description:
      "Find customers (partners) in the books by part of their name or email address. Use it before create_invoice to reuse an existing customer instead of creating a duplicate.",
    input: z.object({ query: z.string().min(1).describe("Part of the customer's name or email address") }),
    annotations: { ...READ_ANNOTATIONS, openWorldHint: deps.books.kind === "odoo" },
    effect: "read",
    async run({ query }) {
      const partners = await deps.books.findPartner(query);
      const list = partners.map(
        (partner) => `- ${partner.name}${partner.email ? ` <${partner.email}>` : ""} (id ${partner.id})`,
      );
      const text =
        partners.length === 0
          ? `No customer matches "${query}" in ${deps.books.description}.`
          : `${partners.length} customer(s) match "${query}" in ${deps.books.description}:\n${list.join("\n")}`;
      return { text, data: { partners, books: deps.books.kind } };
    },
  });
}
