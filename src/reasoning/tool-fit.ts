/**
 * @module Which of the task's offered tools the model sees at this step. The catalog offers what fits
 * the task's type; a follow-up tool whose input can only come from an earlier step is held back until
 * that step is in the task's history — posting needs a draft invoice, recording a payment needs money
 * seen in the books. The model is never offered more than the catalog offered, and each tool left out
 * is about 250 prompt tokens saved (a typical email triage must stay under 2,500).
 */
import type { ReasonerInput, ToolOffer } from "./reasoner.js";

type Step = Pick<ReasonerInput, "task" | "history">;

const FOLLOW_UPS: Readonly<Record<string, (step: Step) => boolean>> = {
  // Posts a draft: the draft's id comes from create_invoice in an earlier iteration.
  post_invoice: (step) => step.history.some((line) => line.includes("create_invoice")),
  // Money received is a line in the books, not a sentence in a message.
  register_payment: (step) => step.task.meta.type === "finance_event",
};

export function toolsForStep(offers: readonly ToolOffer[], step: Step): ToolOffer[] {
  return offers.filter((offer) => FOLLOW_UPS[offer.name]?.(step) ?? true);
}
