/**
 * @module The employee's playbooks: `Skills/<name>/SKILL.md` in the Agent Skills format (front matter
 * `name` and `description`, instructions below). A reasoner gets the skills whose description fits the
 * task; a person's new or edited skill is used by the next task.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { FOLDERS } from "../vault/folders.js";
import type { NoteStore } from "../vault/note-store.js";
import type { Task } from "../vault/task-note.js";

export interface Skill {
  name: string;
  description: string;
  instructions: string;
}

/** Skills given to one task: enough to guide, few enough to keep the prompt small. */
const MAX_SKILLS_PER_TASK = 2;
/** Bounds the instructions a single skill can add to a prompt. */
const MAX_INSTRUCTION_CHARS = 4_000;

const TASK_WORDS: Record<Task["meta"]["type"], string[]> = {
  email: ["email", "reply", "triage"],
  whatsapp_message: ["whatsapp", "message", "reply"],
  file_drop: ["file", "drop", "document"],
  x_mention: ["x", "twitter", "mention", "social"],
  finance_event: ["finance", "accounting", "payment", "invoice", "subscription"],
  social_draft: ["social", "post", "linkedin", "facebook", "instagram"],
  alert: ["alert"],
};

/** How often the Skills folder is looked at again. */
const RECHECK_MS = 1_000;

/** Words too common to say what a task is about. */
const COMMON = new Set([
  "the",
  "and",
  "for",
  "with",
  "from",
  "your",
  "you",
  "our",
  "this",
  "that",
  "please",
  "about",
  "re",
  "fwd",
  "hello",
  "thanks",
]);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length > 1 && !COMMON.has(word)),
  );
}

/** A skill with the words of its name and description, worked out once per version of the file. */
type IndexedSkill = Skill & { keywords: Set<string> };

export function createSkillLibrary(store: NoteStore) {
  /** Parsed skills by file, re-read only when a person changed the file. */
  const cache = new Map<string, { mtimeMs: number; skill: IndexedSkill | undefined }>();

  async function load(relative: string): Promise<IndexedSkill | undefined> {
    const info = await stat(store.absolute(relative)).catch(() => undefined);
    if (!info) return undefined;
    const cached = cache.get(relative);
    if (cached?.mtimeMs === info.mtimeMs) return cached.skill;
    const note = await store.read(relative).catch(() => undefined);
    const skill =
      note && typeof note.data.name === "string" && typeof note.data.description === "string"
        ? {
            name: note.data.name,
            description: note.data.description,
            instructions: note.body.slice(0, MAX_INSTRUCTION_CHARS),
            keywords: words(`${note.data.name} ${note.data.description}`),
          }
        : undefined;
    cache.set(relative, { mtimeMs: info.mtimeMs, skill });
    return skill;
  }

  let listed: { at: number; skills: Promise<IndexedSkill[]> } | undefined;

  function all(): Promise<IndexedSkill[]> {
    // A person's new or edited skill is used within a second; a burst of tasks shares one look.
    if (listed && Date.now() - listed.at < RECHECK_MS) return listed.skills;
    const skills = scan();
    listed = { at: Date.now(), skills };
    return skills;
  }

  async function scan(): Promise<IndexedSkill[]> {
    const entries = await readdir(store.absolute(FOLDERS.skills), { withFileTypes: true }).catch(() => []);
    const skills: IndexedSkill[] = [];
    for (const entry of entries.filter((item) => item.isDirectory())) {
      const skill = await load(path.posix.join(FOLDERS.skills, entry.name, "SKILL.md"));
      if (skill) skills.push(skill);
    }
    return skills;
  }

  return {
    all,
    async forTask(task: Task): Promise<{ name: string; instructions: string }[]> {
      const wanted = new Set([...TASK_WORDS[task.meta.type], ...words(task.meta.subject)]);
      const scored = (await all())
        .map((skill) => ({
          skill,
          score: [...skill.keywords].filter((word) => wanted.has(word)).length,
        }))
        .filter((entry) => entry.score > 0)
        .sort((a, b) => b.score - a.score);
      return scored
        .slice(0, MAX_SKILLS_PER_TASK)
        .map(({ skill }) => ({ name: skill.name, instructions: skill.instructions }));
    },
  };
}
