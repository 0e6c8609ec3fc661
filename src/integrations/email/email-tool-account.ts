/**
 * @module What the email tools share: the accounts they act for (the first is the default), the input
 * fields every write tool takes, and the facts the policy decides on.
 */
import { z } from "zod";
import { LogicError } from "../../governance/errors/logic-error.js";
import type { ActionFacts } from "../tool-definition.js";
import type { EmailReader } from "./email-reader.js";
import type { EmailDelivery, EmailSender, OutgoingEmail } from "./email-sender.js";
import { MAX_ATTACHMENTS } from "./vault-attachments.js";

export interface EmailToolAccount {
  /** `business`, `personal`… as configured. */
  name: string;
  domain: "personal" | "business";
  address: string | undefined;
  /** The real adapter, or the Outbox one in a dry run. */
  sender: EmailSender;
  /** Undefined when the account has neither IMAP nor Gmail settings. */
  reader: EmailReader | undefined;
}

/** A message to more people than this is a mailing; the policy sees `count` either way. */
export const MAX_RECIPIENTS = 50;
/** A plain-text email body; longer content belongs in an attachment. */
export const MAX_BODY_CHARACTERS = 50_000;
const LINK = /\bhttps?:\/\/[^\s<>"')]+/gi;

export function accountField(accounts: readonly EmailToolAccount[]) {
  return z
    .string()
    .max(60)
    .optional()
    .describe(
      `Which mailbox: ${accounts.map((account) => `"${account.name}"`).join(" or ")}. Default "${accounts[0]?.name ?? ""}".`,
    );
}

const addresses = z.array(z.email()).max(MAX_RECIPIENTS);

/** The fields of a message every write tool takes. */
export function messageFields(accounts: readonly EmailToolAccount[]) {
  return {
    account: accountField(accounts),
    to: addresses.min(1).describe('Recipient addresses, e.g. ["ana@client.com"].'),
    cc: addresses.optional().describe("Copy recipients."),
    bcc: addresses.optional().describe("Blind copy recipients (not shown to the others)."),
    subject: z.string().min(1).max(300).describe("The subject line."),
    body: z
      .string()
      .min(1)
      .max(MAX_BODY_CHARACTERS)
      .describe("The message as plain text, signed as the business."),
    attachments: z
      .array(z.string().min(1).max(500))
      .max(MAX_ATTACHMENTS)
      .optional()
      .describe('Vault-relative paths of files to attach, e.g. ["Accounting/Invoices/INV-2026-001.pdf"].'),
  };
}

export function pickAccount(
  accounts: readonly EmailToolAccount[],
  name: string | undefined,
): EmailToolAccount {
  const account = name === undefined ? accounts[0] : accounts.find((candidate) => candidate.name === name);
  if (!account) {
    throw new LogicError(
      `There is no email account "${name ?? ""}"; use one of: ${accounts.map((entry) => entry.name).join(", ")}`,
    );
  }
  return account;
}

export function outgoing(input: {
  to: string[];
  cc?: string[] | undefined;
  bcc?: string[] | undefined;
  subject: string;
  body: string;
  attachments?: string[] | undefined;
}): OutgoingEmail {
  return {
    to: input.to,
    ...(input.cc ? { cc: input.cc } : {}),
    ...(input.bcc ? { bcc: input.bcc } : {}),
    subject: input.subject,
    text: input.body,
    ...(input.attachments ? { attachments: input.attachments.map((path) => ({ path })) } : {}),
  };
}

export function emailFacts(
  what: string,
  input: {
    to: string[];
    cc?: string[] | undefined;
    bcc?: string[] | undefined;
    subject: string;
    body: string;
  },
): ActionFacts {
  const recipients = [
    ...new Set(
      [...input.to, ...(input.cc ?? []), ...(input.bcc ?? [])].map((address) => address.toLowerCase()),
    ),
  ];
  const links = [...new Set(input.body.match(LINK) ?? [])];
  const shown =
    recipients.length > 3
      ? `${recipients.slice(0, 3).join(", ")} and ${recipients.length - 3} more`
      : recipients.join(", ");
  return {
    category: "email",
    recipients,
    count: recipients.length,
    ...(links.length > 0 ? { links } : {}),
    summary: `${what} to ${shown}: ${input.subject.replace(/\s+/g, " ").trim().slice(0, 120)}`,
  };
}

/** The result a model reads after a write tool ran. */
export function deliveryResult(
  verb: string,
  account: EmailToolAccount,
  subject: string,
  delivery: EmailDelivery,
) {
  const to = delivery.recipients.join(", ");
  const text = delivery.dryRun
    ? `Dry run: the ${verb} to ${to} ("${subject}") was rendered to ${delivery.outboxPath ?? "the Outbox"}; nothing was sent.`
    : `${verb === "draft" ? "Saved the draft" : `Sent the ${verb}`} to ${to} ("${subject}") from the ${account.name} account, Message-ID ${delivery.messageId}.` +
      (delivery.rejected?.length ? ` The server refused: ${delivery.rejected.join(", ")}.` : "");
  return {
    text,
    data: { account: account.name, ...delivery },
    dryRun: delivery.dryRun,
  };
}
