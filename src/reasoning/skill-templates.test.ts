import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { typicalEmailTask } from "../../test/fakes/openai/typical-email-task.js";
import { createSkillLibrary } from "../runtime/skill-library.js";
import { createNoteStore } from "../vault/note-store.js";
import type { Task } from "../vault/task-note.js";

const TEMPLATE_VAULT = fileURLToPath(new URL("../../templates/vault", import.meta.url));
const SHIPPED = [
  "audit-logging",
  "ceo-briefing",
  "cross-domain-sync",
  "email-triage",
  "error-recovery",
  "facebook-posting",
  "instagram-posting",
  "invoicing",
  "odoo-accounting",
  "ralph-loop",
  "subscription-audit",
  "x-posting",
];
/** A skill is read by a small model inside a prompt with a budget: it stays short. */
const MAX_SKILL_LINES = 60;

function task(type: Task["meta"]["type"], subject: string): Task {
  const base = typicalEmailTask();
  return { ...base, meta: { ...base.meta, type, subject } };
}

describe("the skills `init` ships", () => {
  const library = createSkillLibrary(createNoteStore(TEMPLATE_VAULT));

  it("are the seed's ten plus email triage and invoicing, each in the Agent Skills format", async () => {
    expect((await readdir(`${TEMPLATE_VAULT}/Skills`)).sort()).toEqual(SHIPPED);
    const skills = await library.all();
    expect(skills.map((skill) => skill.name).sort()).toEqual(SHIPPED);
    for (const skill of skills) {
      expect(skill.description.length, skill.name).toBeGreaterThan(40);
      expect(skill.instructions.split("\n").length, skill.name).toBeLessThan(MAX_SKILL_LINES);
    }
  });

  it.each([
    ["email", "Question about your services", "email-triage"],
    ["email", "Please send me an invoice", "email-triage"],
    ["finance_event", "Invoice INV-2026-0003 is overdue", "invoicing"],
    ["finance_event", "New bank transactions", "odoo-accounting"],
    ["finance_event", "Subscription charges this month", "subscription-audit"],
    ["x_mention", "Mention on X from @someone", "x-posting"],
    ["social_draft", "Facebook post for the launch", "facebook-posting"],
    ["social_draft", "Instagram post for the launch", "instagram-posting"],
    ["alert", "The email integration was refused access", "error-recovery"],
  ] as const)("gives a %s task about %j the %s skill", async (type, subject, expected) => {
    const chosen = await library.forTask(task(type, subject));
    expect(chosen.map((skill) => skill.name)).toContain(expected);
  });
});
