/**
 * @module Hands one raw message to the core: a task when it parses, a quarantine entry (raw bytes kept,
 * reason given) when it does not. The watcher carries on either way.
 */
import type { TaskSink } from "../inbound-item.js";
import { parseEmailMessage, type ParseEmailOptions } from "./parse-email-message.js";

export type FilingOutcome = "created" | "duplicate" | "quarantined";

export async function fileEmailMessage(
  raw: Uint8Array,
  options: Omit<ParseEmailOptions, "saveAttachment"> & { sink: TaskSink; quarantineName: string },
): Promise<FilingOutcome> {
  const { sink, quarantineName, ...parseOptions } = options;
  const parsed = await parseEmailMessage(raw, {
    ...parseOptions,
    saveAttachment: (name, content) => sink.saveAttachment(options.source, name, content),
  });
  if (parsed.status === "rejected") {
    await sink.quarantine({
      source: options.source,
      reason: parsed.reason,
      name: quarantineName,
      content: raw,
    });
    return "quarantined";
  }
  const result = await sink.submit(parsed.item);
  return result.created ? "created" : "duplicate";
}
