/**
 * @module The daily token budget (LLM_DAILY_TOKEN_BUDGET): a small ledger of tokens used today, kept in
 * the vault's state folder so a restart does not reset it. Once the day's budget is spent the model is
 * not called until the next day; the offline reasoner plans meanwhile.
 */
import type { StateStore } from "../vault/state-store.js";

export interface TokenBudget {
  readonly limit: number;
  /** Tokens left today; zero or less when the budget is spent. */
  remaining(): Promise<number>;
  /** Adds what one call used (prompt and completion). */
  record(tokens: number): Promise<void>;
}

interface Ledger {
  day: string;
  used: number;
}

const STATE_KEY = "llm-token-budget";

export interface TokenBudgetOptions {
  limit: number;
  now(): Date;
  /** The day turns at midnight here (AI_EMPLOYEE_TIMEZONE). */
  timezone?: string;
  /** Where the ledger survives restarts; without one it lives in memory. */
  state?: StateStore | undefined;
}

export function createTokenBudget(options: TokenBudgetOptions): TokenBudget {
  const dayFormat = new Intl.DateTimeFormat("en-CA", {
    timeZone: options.timezone ?? "UTC",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  let memory: Ledger | undefined;
  // Reads and writes of the ledger are chained, so tasks planned at once do not lose each other's usage.
  let chain: Promise<unknown> = Promise.resolve();

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  }

  async function today(): Promise<Ledger> {
    const day = dayFormat.format(options.now());
    const stored = options.state ? await options.state.read<Ledger>(STATE_KEY) : memory;
    return stored?.day === day && Number.isFinite(stored.used) ? stored : { day, used: 0 };
  }

  return {
    limit: options.limit,
    remaining: () => serial(async () => options.limit - (await today()).used),
    record: (tokens) =>
      serial(async () => {
        if (!(tokens > 0)) return;
        const ledger = await today();
        const next = { day: ledger.day, used: ledger.used + tokens };
        if (options.state) await options.state.write(STATE_KEY, next);
        else memory = next;
      }),
  };
}
