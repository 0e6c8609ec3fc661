/**
 * @module Writes the week's briefing: computes it, files each suggestion's approval request once per week
 * (through the runtime's `fileSuggestion`), asks for a model's summary when a `summarize` hook is given,
 * and writes `Briefings/YYYY-MM-DD_Monday_Briefing.md` atomically. Running it again for the same week
 * rewrites the same file and files no request twice. `Briefings/` holds only briefings: a file there that
 * is not one is never overwritten.
 *
 * @example
 *   await writeBriefing({ vaultRoot, books, timezone: "Europe/Berlin", now: () => new Date(),
 *     fileSuggestion: (suggestion) => fileBriefingRequest(desk, suggestion) });
 */
import path from "node:path";
import { DataError } from "../governance/errors/data-error.js";
import { FOLDERS, INTERNAL_FOLDER } from "../vault/folders.js";
import { renderNote, type Note } from "../vault/note.js";
import { createNoteStore } from "../vault/note-store.js";
import { createSeenIndex } from "../vault/seen-index.js";
import type { BriefingBooks } from "./briefing-books.js";
import type { BriefingData } from "./briefing-data.js";
import type { BriefingWeek } from "./briefing-week.js";
import { collectBriefingData } from "./collect-briefing-data.js";
import { deterministicSummary } from "./executive-summary.js";
import { briefingFileName, renderBriefing } from "./render-briefing.js";
import type { FiledRequests } from "./render-suggestions.js";
import type { FiledRequest, Suggestion } from "./suggestion.js";

export interface WriteBriefingInput {
  vaultRoot: string;
  /** Any date in the week (`YYYY-MM-DD` in `timezone`) or an instant in it; default: the week that just ended. */
  week?: string | Date | undefined;
  /** The books (Odoo or the vault's); undefined when none are configured. */
  books?: BriefingBooks | undefined;
  /** The Social section's Markdown (`renderSocialSummary`); undefined leaves the section out. */
  socialSummary?: string | undefined;
  /**
   * Files the approval request that carries out a suggestion and returns it, or undefined when the
   * employee has no such action. Called at most once per suggestion key and week.
   */
  fileSuggestion?: ((suggestion: Suggestion) => Promise<FiledRequest | undefined>) | undefined;
  /** Writes the executive summary from the computed data (a model); without it, or when it fails, code does. */
  summarize?: ((data: BriefingData) => Promise<string>) | undefined;
  now: () => Date;
  /** IANA time zone of the week (AI_EMPLOYEE_TIMEZONE). */
  timezone: string;
}

export interface WrittenBriefing {
  /** Vault-relative path of the briefing. */
  path: string;
  week: BriefingWeek;
  /** False when the file already said the same (only the time it was written differed). */
  changed: boolean;
  figuresMissing: string[];
  data: BriefingData;
}

/** Where each suggestion key's filed request is remembered: the desk may be gone, the week's promise holds. */
const FILED_FOLDER = "briefing-requests";

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function fileRequests(
  vaultRoot: string,
  suggestions: readonly Suggestion[],
  fileSuggestion: WriteBriefingInput["fileSuggestion"],
): Promise<FiledRequests> {
  const ledger = createSeenIndex(path.join(vaultRoot, INTERNAL_FOLDER, FILED_FOLDER));
  const filed = new Map<string, FiledRequest | { unavailable: string }>();
  for (const suggestion of suggestions) {
    if (suggestion.existing || !suggestion.action) continue;
    const recorded = await ledger.get(suggestion.key);
    if (recorded !== undefined) {
      filed.set(suggestion.key, JSON.parse(recorded) as FiledRequest);
      continue;
    }
    if (!fileSuggestion) {
      filed.set(suggestion.key, { unavailable: "this run files no requests (no approval desk was given)" });
      continue;
    }
    try {
      const request = await fileSuggestion(suggestion);
      if (request) {
        await ledger.record(suggestion.key, JSON.stringify({ id: request.id, file: request.file }));
        filed.set(suggestion.key, request);
      } else {
        filed.set(suggestion.key, {
          unavailable: `the employee has no \`${suggestion.action.tool}\` action`,
        });
      }
    } catch (error) {
      filed.set(suggestion.key, {
        unavailable: `filing it failed (${reason(error)}); it is tried again when the briefing is regenerated`,
      });
    }
  }
  return filed;
}

async function summaryOf(data: BriefingData, summarize: WriteBriefingInput["summarize"]) {
  if (!summarize) return { text: deterministicSummary(data), by: "code" as const };
  try {
    const text = (await summarize(data)).trim();
    if (text !== "") return { text, by: "model" as const };
    data.notes.push("The model wrote an empty summary; this one is computed.");
  } catch (error) {
    data.notes.push(`The model could not write the summary (${reason(error)}); this one is computed.`);
  }
  return { text: deterministicSummary(data), by: "code" as const };
}

/** The note without what differs on every run, to tell whether anything changed. */
function comparable(note: Note): string {
  const { generated: _generated, ...data } = note.data;
  return renderNote({ data, body: note.body.replace(/^Written .* by the AI Employee .*$/m, "") });
}

export async function writeBriefing(input: WriteBriefingInput): Promise<WrittenBriefing> {
  const store = createNoteStore(path.resolve(input.vaultRoot));
  const data = await collectBriefingData({
    vaultRoot: store.root,
    week: input.week,
    books: input.books,
    now: input.now(),
    timezone: input.timezone,
  });
  const filed = await fileRequests(store.root, data.suggestions, input.fileSuggestion);
  const summary = await summaryOf(data, input.summarize);
  const note = renderBriefing(data, { summary, filed, socialSummary: input.socialSummary });
  const relative = path.posix.join(FOLDERS.briefings, briefingFileName(data.week));

  let changed = true;
  if (await store.exists(relative)) {
    const existing: Note | undefined = await store.read(relative).catch(() => undefined);
    if (existing?.data.type !== "briefing") {
      throw new DataError(
        `${relative} is not a briefing the employee wrote (its front matter has no "type: briefing"); rename or move it out of Briefings/ and run the briefing again`,
      );
    }
    changed = comparable(existing) !== comparable(note);
  }
  if (changed) await store.write(relative, note);
  return { path: relative, week: data.week, changed, figuresMissing: data.figuresMissing, data };
}
