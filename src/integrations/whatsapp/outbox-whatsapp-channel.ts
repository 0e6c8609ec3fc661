/**
 * @module The dry-run WhatsApp channel: what would have been sent is rendered as Markdown in `Outbox/`
 * (one file per message) and nothing leaves the machine. Used when WhatsApp is not configured or
 * DRY_RUN is on, so the tools behave the same either way.
 */
import type { Outbox } from "../../vault/outbox.js";
import type { ChatRecord } from "./chat-record.js";
import type {
  OutgoingDocument,
  OutgoingText,
  SentWhatsAppMessage,
  WhatsAppChannel,
} from "./whatsapp-channel.js";

export interface OutboxWhatsAppChannelDeps {
  outbox: Outbox;
  chats: ChatRecord;
  now: () => Date;
}

export function createOutboxWhatsAppChannel(deps: OutboxWhatsAppChannelDeps): WhatsAppChannel {
  async function render(to: string, markdown: string): Promise<SentWhatsAppMessage> {
    const outboxPath = await deps.outbox.write(`whatsapp_${to}.md`, markdown);
    return { recipient: to, messageId: undefined, dryRun: true, outboxPath };
  }
  return {
    name: "outbox",
    sendText(message: OutgoingText) {
      return render(message.to, renderMarkdown(message.to, message.text, undefined, deps.now()));
    },
    sendDocument(message: OutgoingDocument) {
      return render(
        message.to,
        renderMarkdown(message.to, message.caption ?? "", message.document, deps.now()),
      );
    },
    listRecentChats(limit) {
      return deps.chats.list(limit);
    },
  };
}

export function renderMarkdown(
  to: string,
  text: string,
  document: OutgoingDocument["document"] | undefined,
  at: Date,
): string {
  const lines = [
    "# WhatsApp message (dry run)",
    "",
    "Not sent: DRY_RUN is on or WhatsApp is not configured. This is what would have gone out.",
    "",
    `- **To:** +${to}`,
    `- **Rendered:** ${at.toISOString()}`,
  ];
  if (document) {
    const origin =
      document.source.kind === "upload"
        ? `uploaded from \`${document.vaultPath ?? document.fileName}\` (${formatSize(document.source.content.length)})`
        : `linked from <${document.source.url}>`;
    lines.push(`- **Document:** ${inlineCode(document.fileName)} (${document.mediaType}), ${origin}`);
  }
  if (text !== "") {
    const fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
    lines.push("", document ? "## Caption" : "## Text", "", `${fence}text`, text, fence);
  }
  return `${lines.join("\n")}\n`;
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

function inlineCode(text: string): string {
  const fence = "`".repeat(longestBacktickRun(text) + 1);
  return `${fence}${text.includes("`") ? ` ${text} ` : text}${fence}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
