/**
 * @module A reply on the channel a task came in on: email (threaded when the message id is known),
 * WhatsApp, or an X reply. The text is the employee's own; the recipient is the task's sender, which the
 * policy treats as untrusted unless it is a known contact.
 */
import type { Task } from "../vault/task-note.js";
import type { Proposal } from "./proposal.js";

function stringField(task: Task, name: string): string | undefined {
  const value = task.meta[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

const MESSAGE_ID = /^<[^<>\s]+>$/;

function isEmailAddress(value: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value);
}

export function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim() || "your message"}`;
}

/** Undefined when the task's channel has no way to answer (a plain file drop, a sender without address). */
export function replyProposal(task: Task, text: string, rationale: string): Proposal | undefined {
  const { meta } = task;
  const untrustedFields = ["recipient"];
  if (meta.type === "whatsapp_message" && meta.from) {
    return {
      server: "whatsapp",
      tool: "send_whatsapp",
      arguments: { to: meta.from, text },
      rationale,
      untrustedFields,
    };
  }
  if (meta.type === "x_mention") {
    const tweetId = stringField(task, "tweet_id");
    if (!tweetId || !/^\d{1,20}$/.test(tweetId)) return undefined;
    return {
      server: "social",
      tool: "post_x",
      arguments: { text, in_reply_to_tweet_id: tweetId },
      rationale,
      untrustedFields,
    };
  }
  if ((meta.type === "email" || meta.type === "file_drop") && isEmailAddress(meta.from)) {
    const messageId = stringField(task, "message_id");
    const subject = replySubject(meta.subject);
    // The argument names are the email tools' own (send_email, reply_email: `body`, `in_reply_to`).
    if (meta.type === "email" && messageId && MESSAGE_ID.test(messageId)) {
      const thread = stringField(task, "thread");
      return {
        server: "email",
        tool: "reply_email",
        arguments: {
          to: [meta.from],
          subject,
          body: text,
          in_reply_to: messageId,
          ...(thread && !thread.startsWith("<") ? { thread_id: thread } : {}),
        },
        rationale,
        untrustedFields,
      };
    }
    return {
      server: "email",
      tool: "send_email",
      arguments: { to: [meta.from], subject, body: text },
      rationale,
      untrustedFields,
    };
  }
  return undefined;
}
