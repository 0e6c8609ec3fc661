/**
 * @module A vault file to attach to a WhatsApp message, read safely: the path must stay inside the
 * vault (no `..`, no absolute path, no symlink out, no dot-folder such as `.ai-employee/`), be a
 * regular file of a type WhatsApp accepts as a document, and fit the Cloud API's size limit.
 */
import { open, realpath } from "node:fs/promises";
import path from "node:path";
import { LogicError } from "../../governance/errors/logic-error.js";

/** The Cloud API's limit for documents. */
export const MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

/** The document types the Cloud API accepts, by extension. */
const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  ".pdf": "application/pdf",
  ".txt": "text/plain",
  ".doc": "application/msword",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xls": "application/vnd.ms-excel",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".ppt": "application/vnd.ms-powerpoint",
  ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

export interface VaultDocument {
  vaultPath: string;
  fileName: string;
  mediaType: string;
  content: Uint8Array;
}

export async function readVaultDocument(vaultRoot: string, relativePath: string): Promise<VaultDocument> {
  const normalized = relativePath.trim().replace(/\\/g, "/");
  const segments = normalized.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (
    normalized === "" ||
    path.isAbsolute(normalized) ||
    /^[a-z]:/i.test(normalized) ||
    segments.some((segment) => segment === ".." || segment.startsWith("."))
  ) {
    throw new LogicError(
      `The document "${relativePath}" is not a vault-relative path: give a path inside the vault such as Accounting/Invoices/INV-001.pdf.`,
    );
  }
  const vaultPath = segments.join("/");
  const extension = path.extname(vaultPath).toLowerCase();
  const mediaType = DOCUMENT_TYPES[extension];
  if (!mediaType) {
    throw new LogicError(
      `WhatsApp cannot send "${vaultPath}" as a document: use one of ${Object.keys(DOCUMENT_TYPES).join(", ")}.`,
    );
  }

  let root: string;
  let target: string;
  try {
    root = await realpath(vaultRoot);
    target = await realpath(path.join(root, ...segments));
  } catch {
    throw new LogicError(`The document "${vaultPath}" does not exist in the vault.`);
  }
  if (!target.startsWith(root + path.sep)) {
    throw new LogicError(`The document "${vaultPath}" points outside the vault and will not be sent.`);
  }

  const handle = await open(target, "r");
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new LogicError(`"${vaultPath}" is not a file.`);
    if (stats.size > MAX_DOCUMENT_BYTES) {
      throw new LogicError(`"${vaultPath}" is larger than WhatsApp's 100 MB document limit.`);
    }
    const content = await handle.readFile();
    return { vaultPath, fileName: path.basename(vaultPath), mediaType, content };
  } finally {
    await handle.close();
  }
}
