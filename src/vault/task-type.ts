/** The kinds of task a watcher can file; the `type` field of a task note. */
export const TASK_TYPES = [
  "email",
  "whatsapp_message",
  "file_drop",
  "x_mention",
  "finance_event",
  "social_draft",
  "alert",
] as const;

export type TaskType = (typeof TASK_TYPES)[number];
