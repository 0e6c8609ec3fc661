/**
 * @module `ai-employee logs verify`: walks the chain from its anchor and reports the first line that was
 * edited, removed, reordered or inserted, and a tail that was cut off.
 */
import path from "node:path";
import { entryHash } from "./audit-chain.js";
import { AUDIT_FIELDS, GENESIS_HASH, type AuditEntry } from "./audit-entry.js";
import { auditPaths, listLogFiles, readJson, readLines } from "./audit-files.js";

export type Verification =
  { ok: true; lines: number } | { ok: false; lines: number; file: string; line: number; problem: string };

export async function verifyAuditLog(vaultRoot: string): Promise<Verification> {
  const paths = auditPaths(vaultRoot);
  const anchor = await readJson<{ hash: string; through: string }>(paths.anchor);
  let previous = anchor?.hash ?? GENESIS_HASH;
  let count = 0;
  let lastFile = "";
  let lastLineNumber = 0;
  // Files the anchor covers may still exist if pruning was interrupted; they are already summarised.
  const files = (await listLogFiles(paths.logs)).filter(
    (file) => anchor === undefined || file > anchor.through,
  );
  for (const file of files) {
    let lineNumber = 0;
    for await (const text of readLines(path.join(paths.logs, file))) {
      lineNumber += 1;
      if (text.trim() === "") continue;
      const fail = (problem: string): Verification => ({
        ok: false,
        lines: count,
        file,
        line: lineNumber,
        problem,
      });
      let entry: AuditEntry;
      try {
        entry = JSON.parse(text) as AuditEntry;
      } catch {
        return fail("the line is not valid JSON (edited)");
      }
      const missing = AUDIT_FIELDS.filter((field) => !(field in entry));
      if (missing.length > 0) return fail(`fields missing: ${missing.join(", ")} (edited)`);
      if (entry.prev_hash !== previous) {
        return fail("the chain is broken before this line: a line was removed, reordered or inserted");
      }
      const { hash, ...body } = entry;
      if (entryHash(body) !== hash) return fail("the line's content does not match its hash (edited)");
      previous = hash;
      count += 1;
      lastFile = file;
      lastLineNumber = lineNumber;
    }
  }
  const head = await readJson<{ hash: string }>(paths.head);
  if (head !== undefined && head.hash !== previous) {
    return {
      ok: false,
      lines: count,
      file: lastFile,
      line: lastLineNumber,
      problem: "the log ends before the last line that was written: lines were removed from the end",
    };
  }
  return { ok: true, lines: count };
}
