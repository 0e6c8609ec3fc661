/**
 * @module The lookups the Odoo books repeat: a period query read page by page, an invoice's summary,
 * a partner found by email or name before one is created, a currency or journal by its code, and the
 * conversions between the books' string ids and Odoo's integer ids.
 */
import { DataError } from "../../governance/errors/data-error.js";
import { LogicError } from "../../governance/errors/logic-error.js";
import type { InvoiceSummary, Partner, PartnerInput } from "./books.js";
import type { OdooClient, OdooDomain, OdooRecord } from "./odoo-client.js";
import { MOVE_FIELDS, PARTNER_FIELDS, parseMove, parsePartner } from "./odoo-records.js";

/** One page of a period query; Odoo answers 500 invoices well under a second. */
const PAGE_SIZE = 500;
/** 100,000 records per question: far past a small business's year, and a stop for a runaway loop. */
const MAX_PAGES = 200;

export function createOdooLookups(client: OdooClient) {
  async function pages(
    model: string,
    domain: OdooDomain,
    fields: readonly string[],
    order: string,
  ): Promise<OdooRecord[]> {
    const all: OdooRecord[] = [];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const batch = await client.searchRead(model, domain, [...fields], {
        limit: PAGE_SIZE,
        offset: page * PAGE_SIZE,
        order,
      });
      all.push(...batch);
      if (batch.length < PAGE_SIZE) return all;
    }
    throw new DataError(
      `More than ${PAGE_SIZE * MAX_PAGES} ${model} records match; ask for a shorter period`,
    );
  }

  async function summary(id: number): Promise<InvoiceSummary> {
    const [record] = await client.read("account.move", [id], [...MOVE_FIELDS]);
    if (!record) throw new DataError(`Odoo has no invoice ${id}`);
    return parseMove(record);
  }

  async function findOrCreatePartner(input: PartnerInput): Promise<Partner> {
    if (input.id !== undefined) {
      const [record] = await client.read("res.partner", [odooId(input.id, "partner")], [...PARTNER_FIELDS]);
      if (!record) throw new DataError(`Odoo has no partner ${input.id}`);
      return parsePartner(record);
    }
    const lookups: OdooDomain[] = [];
    if (input.email) lookups.push([["email", "=ilike", input.email.trim()]]);
    lookups.push([["name", "=ilike", input.name.trim()]]);
    for (const domain of lookups) {
      const [found] = await client.searchRead("res.partner", domain, [...PARTNER_FIELDS], {
        limit: 1,
        order: "id",
      });
      if (found) return parsePartner(found);
    }
    const id = await client.create("res.partner", {
      name: input.name.trim(),
      ...(input.email ? { email: input.email.trim() } : {}),
    });
    return { id: String(id), name: input.name.trim(), ...(input.email ? { email: input.email.trim() } : {}) };
  }

  async function currencyId(code: string): Promise<number> {
    const [currency] = await client.searchRead(
      "res.currency",
      [["name", "=", code.toUpperCase()]],
      ["name"],
      { limit: 1 },
    );
    if (!currency || typeof currency.id !== "number") {
      throw new LogicError(
        `The currency ${code} is not active in Odoo; activate it under Accounting → Configuration → Currencies`,
      );
    }
    return currency.id;
  }

  async function journalId(journal: string): Promise<number> {
    const domain = [
      ["type", "in", ["bank", "cash"]],
      "|",
      ["name", "ilike", journal],
      ["code", "=ilike", journal],
    ];
    const [found] = await client.searchRead("account.journal", domain, ["name"], { limit: 1 });
    if (!found || typeof found.id !== "number")
      throw new LogicError(`Odoo has no bank or cash journal called "${journal}"`);
    return found.id;
  }

  return { pages, summary, findOrCreatePartner, currencyId, journalId };
}

export function odooId(id: string, what: string): number {
  const value = Number(id);
  if (!Number.isSafeInteger(value) || value <= 0) throw new DataError(`"${id}" is not an Odoo ${what} id`);
  return value;
}

/** `action_create_payments` answers a window action on the payment it created (`res_id`), or `true`. */
export function paymentIdOf(action: unknown): number | undefined {
  if (typeof action !== "object" || action === null) return undefined;
  const resId = (action as { res_id?: unknown }).res_id;
  return typeof resId === "number" && resId > 0 ? resId : undefined;
}
