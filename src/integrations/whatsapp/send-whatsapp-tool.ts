/**
 * @module `send_whatsapp`: a text, or a vault document with the text as its caption, to one WhatsApp
 * number through the configured channel (the Cloud API, or the Outbox in a dry run). A write tool: it
 * only ever runs with an approval, and the policy decides on its facts.
 */
import { z } from "zod";
import { LogicError } from "../../governance/errors/logic-error.js";
import { defineTool, type ActionFacts, type ToolDefinition } from "../tool-definition.js";
import { INTERNATIONAL_NUMBER, normalizePhoneNumber } from "./phone-number.js";
import { readVaultDocument } from "./vault-document.js";
import type { SentWhatsAppMessage, WhatsAppChannel } from "./whatsapp-channel.js";

/** WhatsApp's limits: a text body of 4096 characters, a document caption of 1024. */
export const MAX_TEXT_CHARS = 4096;
export const MAX_CAPTION_CHARS = 1024;
const SUMMARY_PREVIEW_CHARS = 60;
const LINK = /\bhttps?:\/\/[^\s<>"')]+/gi;

const input = z
  .object({
    to: z
      .string()
      .min(1)
      .max(40)
      .regex(INTERNATIONAL_NUMBER, "an international phone number such as +16505551234")
      .describe(
        "The recipient's WhatsApp number in international format, e.g. +16505551234 (a chat from list_chats).",
      ),
    text: z
      .string()
      .min(1)
      .max(MAX_TEXT_CHARS)
      .describe(
        "The message text. With a document it becomes the caption and may be at most 1024 characters.",
      ),
    document: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .describe(
        "Optional vault-relative path of a file to attach, e.g. Accounting/Invoices/INV-2026-001.pdf.",
      ),
  })
  .superRefine((value, context) => {
    if (normalizePhoneNumber(value.to) === undefined) {
      context.addIssue({
        code: "custom",
        path: ["to"],
        message: "an international phone number such as +16505551234",
      });
    }
    if (value.document !== undefined && [...value.text].length > MAX_CAPTION_CHARS) {
      context.addIssue({
        code: "custom",
        path: ["text"],
        message: `with a document the text is its caption: at most ${MAX_CAPTION_CHARS} characters`,
      });
    }
  });

export interface SendWhatsAppToolDeps {
  channel: WhatsAppChannel;
  /** Absolute path of the vault: documents are read from inside it only. */
  vaultRoot: string;
}

export function createSendWhatsAppTool(deps: SendWhatsAppToolDeps): ToolDefinition {
  return defineTool({
    name: "send_whatsapp",
    title: "Send a WhatsApp message",
    description:
      "Sends a WhatsApp message to one person, optionally with a document from the vault (an invoice PDF, a quote). " +
      "Use it to answer a client who wrote on WhatsApp; WhatsApp only allows free-form replies within 24 hours of " +
      "the client's last message. Needs a person's approval before it runs.",
    input,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    effect: "write",
    facts(value): ActionFacts {
      const to = normalizePhoneNumber(value.to) ?? value.to;
      const chars = [...value.text.replace(/\s+/g, " ").trim()];
      const preview =
        chars.length > SUMMARY_PREVIEW_CHARS
          ? `${chars.slice(0, SUMMARY_PREVIEW_CHARS).join("")}…`
          : chars.join("");
      const links = [...new Set(value.text.match(LINK) ?? [])];
      return {
        category: "message",
        recipients: [to],
        count: 1,
        ...(links.length > 0 ? { links } : {}),
        summary: `WhatsApp to +${to}: "${preview}"${value.document ? ` with ${value.document}` : ""}`,
      };
    },
    async run(value, signal) {
      const to = normalizePhoneNumber(value.to);
      if (to === undefined)
        throw new LogicError(`"${value.to}" is not an international phone number such as +16505551234.`);
      let sent: SentWhatsAppMessage;
      let documentPath: string | undefined;
      if (value.document !== undefined) {
        const document = await readVaultDocument(deps.vaultRoot, value.document);
        documentPath = document.vaultPath;
        sent = await deps.channel.sendDocument(
          {
            to,
            document: {
              fileName: document.fileName,
              mediaType: document.mediaType,
              source: { kind: "upload", content: document.content },
              vaultPath: document.vaultPath,
            },
            caption: value.text,
          },
          signal,
        );
      } else {
        sent = await deps.channel.sendText({ to, text: value.text }, signal);
      }
      const what = documentPath ? `WhatsApp message with ${documentPath}` : "WhatsApp message";
      const data = {
        to: sent.recipient,
        channel: deps.channel.name,
        ...(sent.messageId ? { messageId: sent.messageId } : {}),
        ...(documentPath ? { document: documentPath } : {}),
        ...(sent.outboxPath ? { outboxPath: sent.outboxPath } : {}),
      };
      if (sent.dryRun) {
        return {
          text: `Dry run: the ${what} to +${sent.recipient} was rendered to ${sent.outboxPath ?? "the Outbox"} and not sent.`,
          data,
          dryRun: true,
        };
      }
      return {
        text: `Sent the ${what} to +${sent.recipient} (message id ${sent.messageId ?? "unknown"}); delivery and read receipts arrive by webhook.`,
        data,
      };
    },
  });
}
