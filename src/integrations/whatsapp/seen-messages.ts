/**
 * @module The wamids already filed, kept in the state store: Meta redelivers a notification until it
 * gets a 200 (and sometimes after), and a redelivery must not download media or file a task again.
 */
import type { StateStore } from "../../vault/state-store.js";

const STATE_KEY = "whatsapp-seen-messages";
/**
 * Meta retries for up to seven days; a small business receives far fewer than this many messages in
 * that time, and the core's own `source`+`externalId` check is the backstop beyond it.
 */
export const MAX_SEEN_MESSAGE_IDS = 5_000;

interface SeenState {
  ids: string[];
}

export interface SeenMessages {
  has(messageId: string): Promise<boolean>;
  add(messageId: string): Promise<void>;
}

export function createSeenMessages(state: StateStore): SeenMessages {
  async function load(): Promise<string[]> {
    const stored = await state.read<SeenState>(STATE_KEY);
    return Array.isArray(stored?.ids) ? stored.ids.filter((id) => typeof id === "string") : [];
  }
  return {
    async has(messageId) {
      return (await load()).includes(messageId);
    },
    async add(messageId) {
      const ids = await load();
      if (ids.includes(messageId)) return;
      ids.push(messageId);
      await state.write(STATE_KEY, { ids: ids.slice(-MAX_SEEN_MESSAGE_IDS) } satisfies SeenState);
    },
  };
}
