/**
 * @module What the policy decides on: the facts of one proposed outward action, derived from its
 * arguments by the tool that would perform it.
 */

/** The policy's categories (the rows of the Handbook's approval table). */
export type ActionCategory =
  | "email"
  | "message"
  | "payment"
  | "social_post"
  | "social_reply"
  | "accounting"
  | "invoice"
  | "browser_submit";

/** What the policy needs to know about one proposed call, derived from its arguments by the tool. */
export interface ActionFacts {
  category: ActionCategory;
  /** Who or what receives it: email addresses, phone numbers, payees, handles, page hosts. */
  recipients: string[];
  amount?: { value: number; currency: string };
  /** A payment that repeats on a schedule (a subscription). */
  recurring?: boolean;
  /** A social post scheduled ahead, rather than a reply or a DM. */
  scheduled?: boolean;
  /** Links the action would publish or open. */
  links?: string[];
  /** How many separate recipients or items: a bulk send has more than one. */
  count?: number;
  /** One line for a person, e.g. "Email to ana@client.com: Re: Quote". */
  summary: string;
}
