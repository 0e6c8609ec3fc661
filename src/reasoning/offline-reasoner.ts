/**
 * @module The offline rules reasoner: the default when no model is reachable. It triages by type and the
 * Handbook's keywords, prices from the rates table only, drafts from templates, and flags everything it
 * cannot handle for a person. It never drops a task and never invents a price or a recipient.
 */
import { findContact } from "../governance/handbook.js";
import { extractAmounts } from "./extract-amounts.js";
import { intentOf } from "./intent.js";
import { matchRate } from "./match-rate.js";
import type { PlanDraft, PlanStep, Proposal } from "./proposal.js";
import type { Reasoner, ReasonerInput } from "./reasoner.js";
import { replyProposal } from "./reply-proposal.js";

export const OFFLINE_REASONER_NAME = "offline-rules";

/** `1,234.50 USD`. (Intl's toLocaleString costs more than the rest of a plan.) */
function money(value: number, currency: string): string {
  const [whole = "0", cents = "00"] = Math.abs(value).toFixed(2).split(".");
  return `${value < 0 ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents} ${currency}`;
}

function step(text: string, done = false): PlanStep {
  return { text, done };
}

/** Events from the finance watcher: a reminder for an overdue invoice, a person's review otherwise. */
function financeDraft(input: ReasonerInput, draft: PlanDraft): PlanDraft {
  const { meta } = input.task;
  const field = (name: string) =>
    typeof meta[name] === "string" || typeof meta[name] === "number" ? String(meta[name]) : "";
  if (field("event") === "overdue_invoice") {
    const number = field("invoice_number") || field("invoice_id");
    draft.objective = `Remind ${field("partner") || meta.from} of overdue invoice ${number}`;
    draft.steps.push(
      step(
        `Invoice ${number}: ${field("amount_residual")} ${field("currency")} open since ${field("due_date")}`,
        true,
      ),
    );
    if (/@/.test(meta.from)) {
      const text = `Hello ${field("partner").split(" ")[0] ?? ""},\n\nA friendly reminder that invoice ${number} (${field("amount_residual")} ${field("currency")}) was due on ${field("due_date")}. If it is already on its way, thank you and please ignore this message.\n\nBest regards,\nThe owner's assistant`;
      draft.proposals.push({
        server: "email",
        tool: "send_email",
        arguments: { to: [meta.from], subject: `Reminder: invoice ${number}`, body: text },
        rationale: "Payment reminder for an overdue invoice",
        untrustedFields: [],
      });
      draft.steps.push(step("send_email: the reminder (needs the policy's decision)"));
    } else
      draft.flags.push(
        `Invoice ${number} is overdue and the customer has no email address in the books: remind them yourself.`,
      );
    return draft;
  }
  if (field("event") === "subscription_review") {
    draft.objective = `Review the subscription to ${field("vendor")}`;
    draft.flags.push(
      `${field("vendor")}: ${field("reason")}. Cancel it with the vendor if it is no longer worth it (Business_Goals.md, Subscription Audit Rules).`,
    );
    return draft;
  }
  draft.objective = meta.subject || "Review a finance event";
  draft.flags.push("A finance event the offline reasoner does not know: review it.");
  return draft;
}

export function createOfflineReasoner(): Reasoner {
  return {
    name: OFFLINE_REASONER_NAME,
    async plan(input: ReasonerInput): Promise<PlanDraft> {
      const { task, handbook, rates } = input;
      const { meta } = task;
      const text = `${meta.subject}\n${task.content}`;
      const contact = meta.from ? findContact(handbook, meta.from) : undefined;
      const who =
        contact?.name ||
        (typeof meta.from_name === "string" ? meta.from_name : "") ||
        meta.from ||
        "the sender";
      const greeting =
        `Hello ${contact?.name?.split(/[\s(]/)[0] || (typeof meta.from_name === "string" && meta.from_name ? meta.from_name.split(" ")[0] : "")}`.trim();
      const amounts = extractAmounts(task.content);
      const draft: PlanDraft = {
        objective: "",
        steps: [],
        proposals: [],
        flags: [],
        complete: true,
        reasoner: OFFLINE_REASONER_NAME,
      };
      const isMessage = meta.type !== "file_drop" || meta.triage === "message";
      draft.steps.push(
        step(
          `Read the ${meta.type.replace("_", " ")} from ${who} (${meta.contact === "known" ? "known contact" : "new contact"}, ${meta.priority} priority, ${meta.domain})`,
          true,
        ),
      );
      if (amounts.length > 0)
        draft.steps.push(
          step(
            `Amounts mentioned: ${amounts.map((amount) => money(amount.value, amount.currency)).join(", ")} (from the message: not trusted)`,
            true,
          ),
        );
      if (!contact && isMessage && meta.from)
        draft.flags.push(
          `${meta.from} is not in the Handbook's Known Contacts: check who this is before anything is sent.`,
        );

      if (meta.type === "finance_event") return financeDraft(input, draft);

      if (!isMessage) {
        draft.objective = `File the dropped file "${typeof meta.file_name === "string" ? meta.file_name : meta.subject}"`;
        draft.steps.push(step("Keep the file in the vault and record it", true));
        if (amounts.length > 0 || /\binvoice\b|\bbill\b|\bpayment\b/i.test(text)) {
          draft.flags.push(
            "The file mentions money or an invoice: check whether it is a bill to pay or an invoice to record.",
          );
        }
        return draft;
      }

      const intent = intentOf(text);
      const proposals: Proposal[] = [];
      const sign = "\n\nBest regards,\nThe owner's assistant";
      if (intent === "newsletter") {
        draft.objective = `File the newsletter from ${who}`;
        draft.steps.push(step("Nothing to answer: filed", true));
        draft.flags.length = 0;
        return draft;
      }
      if (intent === "invoice") {
        draft.objective = `Answer ${who}'s invoice request`;
        const priced = matchRate(text, rates) ?? (contact ? matchRate(contact.notes, rates) : undefined);
        if (priced) {
          const total = Math.round(priced.quantity * priced.rate.rate * 100) / 100;
          const email = meta.from.includes("@") ? meta.from : contact?.email;
          proposals.push({
            server: "odoo",
            tool: "create_invoice",
            arguments: {
              partner: { name: contact?.name || who, ...(email ? { email } : {}) },
              lines: [
                {
                  description: `${priced.rate.service} (${priced.quantity} ${priced.rate.unit})`,
                  quantity: priced.quantity,
                  unit_price: priced.rate.rate,
                },
              ],
              currency: priced.rate.currency,
            },
            rationale: `Priced from Accounting/Rates.md: ${priced.quantity} × ${priced.rate.service} at ${money(priced.rate.rate, priced.rate.currency)}`,
            untrustedFields: contact ? [] : ["recipient"],
          });
          draft.steps.push(
            step(
              `Draft an invoice: ${priced.quantity} × ${priced.rate.service} at ${money(priced.rate.rate, priced.rate.currency)} = ${money(total, priced.rate.currency)}`,
            ),
          );
          const reply = replyProposal(
            task,
            `${greeting},\n\nThank you for your message. Your invoice for ${priced.rate.service} (${money(total, priced.rate.currency)}) has been prepared and will follow shortly.${sign}`,
            "Acknowledge the request and say the invoice follows",
          );
          if (reply) proposals.push(reply);
        } else {
          draft.flags.push(
            "No service in Accounting/Rates.md matches this request: price the invoice yourself (the employee never invents a price).",
          );
          const reply = replyProposal(
            task,
            `${greeting},\n\nThank you for your message. We are preparing your invoice and will send it shortly.${sign}`,
            "Acknowledge the request",
          );
          if (reply) proposals.push(reply);
        }
      } else if (intent === "quote") {
        draft.objective = `Send ${who} a quote`;
        const priced = matchRate(text, rates);
        const lines = (priced ? [priced.rate] : rates).map(
          (rate) => `- ${rate.service}: ${money(rate.rate, rate.currency)} per ${rate.unit}`,
        );
        if (lines.length === 0)
          draft.flags.push("Accounting/Rates.md has no rates: answer the quote yourself.");
        else {
          const reply = replyProposal(
            task,
            `${greeting},\n\nThank you for your interest. Our current rates:\n\n${lines.join("\n")}\n\nWe would be glad to prepare a detailed quote.${sign}`,
            "Answer with the rates from Accounting/Rates.md",
          );
          if (reply) proposals.push(reply);
          draft.steps.push(step("Quote from Accounting/Rates.md"));
        }
      } else if (intent === "payment") {
        draft.objective = `Record the payment ${who} reports`;
        draft.flags.push(
          "A payment was reported: match it to an invoice and register it (payments are never recorded automatically).",
        );
        const reply = replyProposal(
          task,
          `${greeting},\n\nThank you, we have received your message about the payment and will confirm once it is matched.${sign}`,
          "Acknowledge the payment notice",
        );
        if (reply) proposals.push(reply);
      } else if (intent === "meeting") {
        draft.objective = `Answer ${who}'s meeting request`;
        draft.flags.push("A meeting is requested: only you know your calendar.");
        const reply = replyProposal(
          task,
          `${greeting},\n\nThank you for reaching out. We will come back to you shortly with a time.${sign}`,
          "Acknowledge the meeting request",
        );
        if (reply) proposals.push(reply);
      } else {
        draft.objective = `Answer ${who}`;
        draft.flags.push(
          "The offline reasoner cannot tell what this message needs: read it and answer (or edit the drafted acknowledgment).",
        );
        const reply = replyProposal(
          task,
          `${greeting},\n\nThank you for your message. We have received it and will get back to you shortly.${sign}`,
          "Acknowledge receipt",
        );
        if (reply) proposals.push(reply);
      }
      if (proposals.length === 0 && draft.flags.length === 0)
        draft.flags.push("There is no way to answer on this channel: answer yourself.");
      for (const proposal of proposals)
        draft.steps.push(step(`${proposal.tool}: ${proposal.rationale} (needs the policy's decision)`));
      draft.steps.push(step("Run the approved actions and file the task in Done/"));
      draft.proposals = proposals;
      // A flag that came with proposals is shown on the requests' plan; the task waits on the requests.
      return draft;
    },
  };
}
