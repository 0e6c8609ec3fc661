/**
 * @module The weekly social drafts: one post per network about the business, written from
 * `Business_Goals.md` (the Active Projects, the owner's own words) and how many business tasks were
 * completed in `Done/` over the last seven days (counts only: no outside content is quoted), into
 * `Plans/<NETWORK>_draft_<id>.md`, each with an approval request filed through the desk. The policy
 * decides from the tool's facts: the Facebook post is scheduled (next Tuesday 10:00 local), so the
 * Handbook's "Social media" row may auto-approve it; the others are plain posts and wait for a person.
 * No model is needed: a template per network, within each network's length limits.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ApprovalDesk } from "../governance/approval-desk.js";
import type { HandbookReading } from "../governance/handbook.js";
import { decide } from "../governance/policy.js";
import { readBusinessGoals } from "../briefing/business-goals.js";
import { addDays, createTimeZone, weekdayIndex, type TimeZone } from "../briefing/time-zone.js";
import { weekContaining } from "../briefing/briefing-week.js";
import { BUSINESS_GOALS_FILE, FOLDERS } from "../vault/folders.js";
import type { NoteStore } from "../vault/note-store.js";
import { createNoteId } from "../vault/note-id.js";
import type { ToolCatalog } from "./tool-catalog.js";

export type SocialNetwork = "x" | "facebook" | "instagram" | "linkedin";

export const SOCIAL_NETWORKS: readonly SocialNetwork[] = ["x", "facebook", "instagram", "linkedin"];

export interface SocialDraftsJobDeps {
  vaultRoot: string;
  store: NoteStore;
  desk: ApprovalDesk;
  catalog: ToolCatalog;
  handbook(): Promise<HandbookReading>;
  isKnown(recipient: string, reading: HandbookReading): boolean;
  /** IANA name: the week and "next Tuesday 10:00" are local to it. */
  timezone: string;
  now(): Date;
  /** The networks to draft for (configured ones, or all in a dry run); default all four. */
  networks?: readonly SocialNetwork[] | undefined;
  /** A public https JPEG for Instagram, which posts images only; without one Instagram is skipped. */
  instagramImageUrl?: string | undefined;
}

export interface SocialDraftsResult {
  /** Vault-relative paths of the drafts (existing ones when the week's drafts were already written). */
  drafts: string[];
  /** Vault-relative paths of the approval requests, in `Pending_Approval/` or `Approved/`. */
  requests: string[];
  /** Networks left out this week, with why. */
  skipped: string[];
}

const TOOL_OF: Record<SocialNetwork, string> = {
  x: "post_x",
  facebook: "post_facebook",
  instagram: "post_instagram",
  linkedin: "post_linkedin",
};

/** The text field of each tool, and the length the template keeps within. */
const TEXT_FIELD: Record<SocialNetwork, string> = {
  x: "text",
  facebook: "message",
  instagram: "caption",
  linkedin: "text",
};

/** X's ordinary accounts stop at 280; the others' own ceilings are far above what the template writes. */
export const DRAFT_LIMITS: Record<SocialNetwork, number> = {
  x: 280,
  facebook: 2_000,
  instagram: 2_200,
  linkedin: 3_000,
};

const MAX_HASHTAGS: Record<SocialNetwork, number> = { x: 2, facebook: 3, instagram: 30, linkedin: 5 };

/** The employee's own words for each kind of completed task. */
const WORK_WORDS: Record<string, [string, string]> = {
  email: ["client email", "client emails"],
  whatsapp_message: ["customer message", "customer messages"],
  file_drop: ["document", "documents"],
  finance_event: ["finance item", "finance items"],
  x_mention: ["conversation on X", "conversations on X"],
};

/** How far back a completed task's file name may date (its id carries when it was filed). */
const MAX_TASK_AGE_DAYS = 56;
const ID_IN_NAME = /_(\d{8}-\d{6})-[0-9a-f]{6,8}\.md$/;

function stampOf(instant: number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

function time(value: unknown): number | undefined {
  if (typeof value !== "string" && !(value instanceof Date)) return undefined;
  const parsed = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Business tasks completed in [from, to), counted by type. Subjects and senders are never read out. */
async function completedWork(deps: SocialDraftsJobDeps, from: number, to: number) {
  const counts = new Map<string, number>();
  const earliest = stampOf(from - MAX_TASK_AGE_DAYS * 86_400_000);
  for (const relative of await deps.store.list(FOLDERS.done)) {
    const name = path.posix.basename(relative);
    const stamp = ID_IN_NAME.exec(name)?.[1];
    if (name.startsWith("PLAN_") || stamp === undefined || stamp < earliest) continue;
    let data: Record<string, unknown>;
    try {
      data = (await deps.store.read(relative)).data;
    } catch {
      continue;
    }
    const type = typeof data.type === "string" ? data.type : "";
    if (type === "approval_request" || data.domain !== "business" || !(type in WORK_WORDS)) continue;
    const completed =
      time(data.completed) ?? (await stat(deps.store.absolute(relative)).catch(() => undefined))?.mtimeMs;
    if (completed === undefined || completed < from || completed >= to) continue;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

/** "Client B website (due end of quarter)" → "Client B website". */
function projectName(item: string): string {
  return item
    .replace(/\(.*?\)/g, "")
    .replace(/[*_`[\]]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** "Client B website" → "#ClientBWebsite"; nothing when no letter or digit is left. */
export function hashtagOf(project: string): string | undefined {
  const words = project.match(/[\p{L}\p{N}]+/gu) ?? [];
  const tag = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
  return tag === "" ? undefined : `#${tag.slice(0, 40)}`;
}

function workSentence(counts: Map<string, number>): string | undefined {
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  const parts = Object.keys(WORK_WORDS)
    .filter((type) => (counts.get(type) ?? 0) > 0)
    .map((type) => {
      const count = counts.get(type)!;
      const [one, many] = WORK_WORDS[type]!;
      return `${count} ${count === 1 ? one : many}`;
    });
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)!}`;
  return `This week we completed ${total} piece${total === 1 ? "" : "s"} of client work: ${list}.`;
}

function joinProjects(projects: readonly string[]): string {
  if (projects.length <= 1) return projects[0] ?? "";
  return `${projects.slice(0, -1).join(", ")} and ${projects.at(-1)!}`;
}

/** The post for a network, cut to fit: fewer projects, then fewer hashtags, then a hard cut on a word. */
export function renderPost(
  network: SocialNetwork,
  projects: readonly string[],
  counts: Map<string, number>,
): string {
  const work = workSentence(counts);
  const tags = projects.map(hashtagOf).filter((tag): tag is string => tag !== undefined);
  const limit = DRAFT_LIMITS[network];
  const build = (shown: readonly string[], tagCount: number): string => {
    const focus = shown.length > 0 ? `Our focus right now: ${joinProjects(shown)}.` : "";
    const more = shown.length < projects.length ? ` And ${projects.length - shown.length} more.` : "";
    const hashtags = [...new Set(tags)].slice(0, tagCount).join(" ");
    const lines: string[] = [];
    switch (network) {
      case "x":
        lines.push([work ?? "Another productive week for the team.", focus + more].filter(Boolean).join(" "));
        break;
      case "linkedin":
        lines.push(
          "A short update from our team.",
          work ?? "Another steady week of work for our clients.",
          (focus + more).trim(),
          "Thank you to our clients for their trust.",
        );
        break;
      case "facebook":
        lines.push(
          "Hello from the team!",
          work ?? "Another busy week for our clients.",
          (focus + more).trim(),
          "Thanks for following along.",
        );
        break;
      case "instagram":
        lines.push(
          "Behind the scenes this week.",
          work ?? "Another busy week for our clients.",
          (focus + more).trim(),
        );
        break;
    }
    if (hashtags) lines.push(hashtags);
    return lines.filter((line) => line.trim() !== "").join(network === "x" ? "\n\n" : "\n\n");
  };
  for (let shown = projects.length; shown >= 0; shown -= 1) {
    for (let tagCount = MAX_HASHTAGS[network]; tagCount >= 0; tagCount -= 1) {
      const text = build(projects.slice(0, shown), tagCount);
      if ([...text].length <= limit) return text;
    }
  }
  const text = [...build([], 0)];
  return text.length <= limit ? text.join("") : `${text.slice(0, limit - 1).join("")}…`;
}

/** Local `date` at `hour`:00 in the zone (checked against the zone, so an offset change on the day holds). */
function localInstant(zone: TimeZone, date: string, hour: number): Date {
  let instant = zone.startOfDay(date).getTime() + hour * 3_600_000;
  const [h, m] = zone.localTime(new Date(instant)).split(":").map(Number);
  const drift = (h! - hour) * 60 + m!;
  if (drift !== 0 && Math.abs(drift) <= 180) instant -= drift * 60_000;
  return new Date(instant);
}

/** The first Tuesday 10:00 local at least an hour ahead (Facebook wants 10 minutes to 30 days). */
export function nextTuesdayTen(now: Date, zone: TimeZone): Date {
  const today = zone.localDate(now);
  for (let days = 0; days <= 8; days += 1) {
    const date = addDays(today, days);
    if (weekdayIndex(date) !== 1) continue;
    const instant = localInstant(zone, date, 10);
    if (instant.getTime() - now.getTime() >= 3_600_000) return instant;
  }
  return localInstant(zone, addDays(today, 7), 10);
}

function parametersFor(
  network: SocialNetwork,
  text: string,
  scheduledFor: Date,
  imageUrl: string | undefined,
): Record<string, unknown> {
  switch (network) {
    case "x":
      return { text };
    case "facebook":
      return { message: text, scheduled_publish_time: scheduledFor.toISOString() };
    case "instagram":
      return { image_url: imageUrl, caption: text };
    case "linkedin":
      return { text };
  }
}

async function existingDraft(store: NoteStore, network: SocialNetwork, week: string) {
  const prefix = `${network.toUpperCase()}_draft_`;
  for (const folder of [FOLDERS.plans, FOLDERS.done]) {
    for (const relative of await store.list(folder)) {
      if (!path.posix.basename(relative).startsWith(prefix)) continue;
      try {
        const note = await store.read(relative);
        if (note.data.type === "social_draft" && note.data.week === week) return note;
      } catch {
        // an unreadable note is not this week's draft
      }
    }
  }
  return undefined;
}

export function createSocialDraftsJob(deps: SocialDraftsJobDeps) {
  const zone = createTimeZone(deps.timezone);
  return async (now: Date = deps.now()): Promise<SocialDraftsResult> => {
    const week = weekContaining(zone.localDate(now), zone).start;
    const goalsText = await readFile(path.join(deps.vaultRoot, BUSINESS_GOALS_FILE), "utf8").catch(
      () => undefined,
    );
    const projects = [
      ...new Set(readBusinessGoals(goalsText).activeProjects.map(projectName).filter(Boolean)),
    ];
    const counts = await completedWork(deps, now.getTime() - 7 * 86_400_000, now.getTime());
    const scheduledFor = nextTuesdayTen(now, zone);
    const result: SocialDraftsResult = { drafts: [], requests: [], skipped: [] };

    for (const network of deps.networks ?? SOCIAL_NETWORKS) {
      const tool = deps.catalog.find("social", TOOL_OF[network]);
      if (!tool?.facts) {
        result.skipped.push(`${network}: the ${TOOL_OF[network]} tool is not available`);
        continue;
      }
      if (network === "instagram" && !deps.instagramImageUrl) {
        result.skipped.push("instagram: Instagram posts need an image, and no image URL is configured");
        continue;
      }
      const text = renderPost(network, projects, counts);
      const parameters = parametersFor(network, text, scheduledFor, deps.instagramImageUrl);
      const parsed = tool.input.safeParse(parameters);
      if (!parsed.success) {
        result.skipped.push(`${network}: the draft does not fit ${tool.name}: ${parsed.error.message}`);
        continue;
      }
      const facts = tool.facts(parsed.data);
      const reading = await deps.handbook();
      const decision = decide(reading.handbook, {
        facts,
        origin: "employee",
        untrustedFields: [],
        isKnown: (recipient) => deps.isKnown(recipient, reading),
        handbookReadable: reading.problems.length === 0,
      });
      if (decision.kind === "refuse") {
        result.skipped.push(`${network}: refused by the policy: ${decision.reason}`);
        continue;
      }

      const previous = await existingDraft(deps.store, network, week);
      const draftId = typeof previous?.data.id === "string" ? previous.data.id : createNoteId(now);
      const draftName = `${network.toUpperCase()}_draft_${draftId}`;
      const draftPath = previous?.path ?? path.posix.join(FOLDERS.plans, `${draftName}.md`);
      const stored = await deps.desk.file({
        server: "social",
        tool: tool.name,
        parameters,
        facts,
        decision,
        origin: "employee",
        planLink: draftName,
        idempotencyKey: `social-draft:${network}:${week}`,
      });
      result.requests.push(stored.path);
      result.drafts.push(draftPath);
      if (previous) continue;

      // After a crash between filing and writing, the request holds the text that will be published.
      const filed = stored.request.parameters[TEXT_FIELD[network]];
      const postText = typeof filed === "string" ? filed : text;
      const scheduled = network === "facebook" ? scheduledFor.toISOString() : null;
      const requestName = path.posix.basename(stored.path, ".md");
      const approved = stored.request.status === "approved";
      await deps.store.write(
        draftPath,
        {
          data: {
            type: "social_draft",
            network,
            id: draftId,
            created: now.toISOString(),
            scheduled_for: scheduled,
            status: approved ? "approved" : "pending_approval",
            week,
            request: stored.request.id,
          },
          body: [
            `# ${network === "x" ? "X" : network.charAt(0).toUpperCase() + network.slice(1)} draft for the week of ${week}`,
            "",
            "```text",
            postText,
            "```",
            "",
            `- **Characters:** ${[...postText].length} of ${DRAFT_LIMITS[network]}`,
            `- **When:** ${scheduled ? `scheduled for ${scheduled} (Tuesday 10:00, ${zone.name})` : "as soon as it is approved"}`,
            `- **Published by:** [[${requestName}]] (\`${tool.name}\`), ${
              approved
                ? "approved by the Handbook's Social media rule"
                : "waiting for a person in Pending_Approval/"
            }`,
            "",
            "Written from Business_Goals.md (Active Projects) and the number of business tasks completed",
            "this week; nothing from an email or a message is quoted.",
            "",
          ].join("\n"),
        },
        { exclusive: true },
      );
    }
    return result;
  };
}
