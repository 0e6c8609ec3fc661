/**
 * @module A typical email triage, as the reasoner receives it: a client's email filed by the email
 * watcher, the template Handbook and rates, the skills the skill library picks for it, and the tools the
 * catalog offers for an email (recorded from the product's email and Odoo tools in
 * `typical-email-offers.json`). Used to hold the prompt to its token budget.
 */
import { readFile } from "node:fs/promises";
import { parseHandbook } from "../../../src/governance/handbook.js";
import { parseRates } from "../../../src/integrations/odoo/parse-rates.js";
import type { ReasonerInput, ToolOffer } from "../../../src/reasoning/reasoner.js";
import { createSkillLibrary } from "../../../src/runtime/skill-library.js";
import { createNoteStore } from "../../../src/vault/note-store.js";
import type { Task } from "../../../src/vault/task-note.js";

const TEMPLATE = new URL("../../../templates/vault/", import.meta.url);

export const TYPICAL_EMAIL_BODY = `Hi,

Hope you are well. We are planning the next phase of the website project and I wanted to check a few
things before our board meeting on Thursday.

1. Could you send me an invoice for the website maintenance for March? Our accounts team needs it
   before the 25th so it goes into this month's payment run.
2. We would also like about 10 hours of consulting in April to review the new checkout flow with our
   developers. Is that something you could fit in, and would the usual rate apply?
3. Our finance contact has changed: please address future invoices to accounts@client-b.example
   instead of me (I will still be copied).

Let me know if you need anything else from our side, e.g. a purchase order number.

Thanks a lot,
Ben Ortiz
Client B — Digital Projects
+1 555 010 0002`;

export function typicalEmailTask(): Task {
  return {
    path: "In_Progress/local/EMAIL_website-maintenance-invoice_20260311-091500-a1b2c3.md",
    meta: {
      id: "20260311-091500-a1b2c3",
      type: "email",
      source: "imap:business",
      from: "ben@client-b.example",
      from_name: "Ben Ortiz",
      subject: "Website maintenance invoice for March + consulting in April",
      received: "2026-03-11T09:15:00.000Z",
      priority: "high",
      domain: "business",
      status: "in_progress",
      contact: "known",
      message_id: "<CAF1234.5678@mail.client-b.example>",
      thread: "<CAF1234.5678@mail.client-b.example>",
    },
    content: TYPICAL_EMAIL_BODY,
    body: "",
  };
}

export async function typicalEmailOffers(): Promise<ToolOffer[]> {
  return JSON.parse(
    await readFile(new URL("./typical-email-offers.json", import.meta.url), "utf8"),
  ) as ToolOffer[];
}

/** The whole input for the typical triage, with the template vault's Handbook, rates and skills. */
export async function typicalEmailInput(): Promise<ReasonerInput> {
  const task = typicalEmailTask();
  const handbook = parseHandbook(await readFile(new URL("Company_Handbook.md", TEMPLATE), "utf8")).handbook;
  const rates = parseRates(await readFile(new URL("Accounting/Rates.md", TEMPLATE), "utf8"));
  const skills = await createSkillLibrary(
    createNoteStore(new URL(TEMPLATE).pathname.replace(/\/$/, "")),
  ).forTask(task);
  return {
    task,
    handbook,
    rates,
    tools: await typicalEmailOffers(),
    skills,
    iteration: 1,
    history: [],
    signal: new AbortController().signal,
  };
}
