/**
 * @module Files a message should carry, read from the vault. Paths come from a proposal (possibly
 * shaped by outside text), so they are confined to the vault (no `..`, no symlink out of it, nothing
 * from the employee's own `.ai-employee/` state), must be regular files, and are bounded in size.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { resolveVaultFile } from "../../vault/vault-file.js";
import { DataError } from "../../governance/errors/data-error.js";
import { safeFileName } from "../../vault/safe-name.js";
import type { OutgoingAttachment } from "./email-sender.js";
import { humanSize } from "./parse-email-message.js";

export interface LoadedAttachment {
  filename: string;
  content: Buffer;
  contentType?: string;
}

/** Mail with more files than this is a bulk transfer, not a message. */
export const MAX_ATTACHMENTS = 20;

export async function loadAttachments(
  attachments: readonly OutgoingAttachment[],
  options: { vaultRoot: string | undefined; maxBytes: number },
): Promise<LoadedAttachment[]> {
  if (attachments.length > MAX_ATTACHMENTS) {
    throw new DataError(
      `An email can carry at most ${MAX_ATTACHMENTS} attachments; ${attachments.length} were given.`,
    );
  }
  const loaded: LoadedAttachment[] = [];
  let total = 0;
  for (const attachment of attachments) {
    const file =
      "path" in attachment
        ? await readVaultFile(attachment.path, options.vaultRoot, options.maxBytes)
        : {
            filename: safeFileName(attachment.filename, 120),
            content: Buffer.from(attachment.content),
            ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
          };
    total += file.content.byteLength;
    if (total > options.maxBytes) {
      throw new DataError(
        `The attachments come to more than ${humanSize(options.maxBytes)}; send fewer or smaller files, or raise EMAIL_MAX_ATTACHMENT_MB.`,
      );
    }
    loaded.push(file);
  }
  return loaded;
}

async function readVaultFile(
  vaultPath: string,
  vaultRoot: string | undefined,
  maxBytes: number,
): Promise<LoadedAttachment> {
  if (vaultRoot === undefined)
    throw new DataError(`The attachment "${vaultPath}" cannot be read: no vault is configured.`);
  const { real, size } = await resolveVaultFile(vaultRoot, vaultPath, "attachment");
  if (size > maxBytes) {
    throw new DataError(
      `The attachment "${vaultPath}" is ${humanSize(size)}, over the ${humanSize(maxBytes)} limit (EMAIL_MAX_ATTACHMENT_MB).`,
    );
  }
  return { filename: safeFileName(path.basename(real), 120), content: await readFile(real) };
}
