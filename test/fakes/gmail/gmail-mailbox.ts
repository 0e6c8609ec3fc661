/**
 * @module The fake Gmail's mailbox state, after Google's Gmail API reference: messages with label ids
 * (INBOX, UNREAD, IMPORTANT, SENT, DRAFT…) and thread ids, a history of `messageAdded` records with
 * increasing history ids that expire, and the subset of Gmail's search operators the employee uses
 * (`is:`, `in:`, `label:`, `from:`, `to:`, `subject:`, `rfc822msgid:`, `newer_than:`, `older_than:`,
 * `after:`, `before:` and bare words). An operator it does not know is an error, so a test notices.
 */

export interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  raw: Buffer;
  internalDate: number;
  historyId: number;
}

export interface HistoryRecord {
  id: number;
  message: { id: string; threadId: string; labelIds: string[] };
}

export class UnsupportedQuery extends Error {}

/** Header lines of a raw message, unfolded, keyed by lowercase name. */
export function headersOf(raw: Buffer): { name: string; value: string }[] {
  const text = raw.toString("utf8");
  const end = text.search(/\r?\n\r?\n/);
  const block = (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  return block
    .split(/\r?\n/)
    .map((line) => /^([^:\s]+):\s*(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[1] ?? "", value: match[2] ?? "" }));
}

export function header(raw: Buffer, name: string): string | undefined {
  return headersOf(raw).find((entry) => entry.name.toLowerCase() === name.toLowerCase())?.value;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function createGmailMailbox(options: { emailAddress: string; now: () => Date }) {
  const messages = new Map<string, StoredMessage>();
  const history: HistoryRecord[] = [];
  let nextHistoryId = 1000;
  let nextId = 0x18c4a00000000000n;
  /** History ids below this answer 404, as Google's do after about a week. */
  let oldestValidHistoryId = nextHistoryId;

  function newId(): string {
    nextId += 0x1f3n;
    return nextId.toString(16);
  }

  function add(raw: Buffer, labelIds: string[], threadId?: string, internalDate?: number): StoredMessage {
    const id = newId();
    nextHistoryId += 7; // Gmail's ids increase with gaps
    const message: StoredMessage = {
      id,
      threadId: threadId ?? id,
      labelIds,
      raw,
      internalDate: internalDate ?? options.now().getTime(),
      historyId: nextHistoryId,
    };
    messages.set(id, message);
    history.push({ id: nextHistoryId, message: { id, threadId: message.threadId, labelIds } });
    return message;
  }

  function matchesTerm(message: StoredMessage, term: string): boolean {
    const negated = term.startsWith("-");
    const body = negated ? term.slice(1) : term;
    const colon = body.indexOf(":");
    const operator = colon > 0 ? body.slice(0, colon).toLowerCase() : "";
    const value = (colon > 0 ? body.slice(colon + 1) : body).replace(/^"|"$/g, "").toLowerCase();
    const labels = new Set(message.labelIds);
    const headerHas = (names: string[]) =>
      names.some((name) => (header(message.raw, name) ?? "").toLowerCase().includes(value));
    const age = (text: string) => {
      const match = /^(\d+)([dmy])$/.exec(text);
      if (!match) throw new UnsupportedQuery(`invalid age ${text}`);
      const unit = match[2] === "d" ? DAY_MS : match[2] === "m" ? 30 * DAY_MS : 365 * DAY_MS;
      return Number(match[1]) * unit;
    };
    const day = (text: string) => {
      const parsed = Date.parse(text.replace(/\//g, "-"));
      if (Number.isNaN(parsed)) throw new UnsupportedQuery(`invalid date ${text}`);
      return parsed;
    };
    let result: boolean;
    switch (operator) {
      case "is":
        result = labels.has(
          value === "unread"
            ? "UNREAD"
            : value === "important"
              ? "IMPORTANT"
              : value === "starred"
                ? "STARRED"
                : value,
        );
        break;
      case "in":
        result = labels.has(value === "drafts" ? "DRAFT" : value.toUpperCase());
        break;
      case "label":
        result = labels.has(value.toUpperCase()) || labels.has(value);
        break;
      case "from":
        result = headerHas(["From"]);
        break;
      case "to":
        result = headerHas(["To", "Cc", "Bcc"]);
        break;
      case "subject":
        result = headerHas(["Subject"]);
        break;
      case "rfc822msgid":
        result =
          (header(message.raw, "Message-ID") ?? "").toLowerCase().replace(/[<>]/g, "") ===
          value.replace(/[<>]/g, "");
        break;
      case "newer_than":
        result = message.internalDate >= options.now().getTime() - age(value);
        break;
      case "older_than":
        result = message.internalDate < options.now().getTime() - age(value);
        break;
      case "after":
        result = message.internalDate >= day(value);
        break;
      case "before":
        result = message.internalDate < day(value);
        break;
      case "":
        result = message.raw.toString("utf8").toLowerCase().includes(value);
        break;
      default:
        throw new UnsupportedQuery(`the fake does not know the operator ${operator}:`);
    }
    return negated ? !result : result;
  }

  return {
    emailAddress: options.emailAddress,
    messages,
    get historyId() {
      return nextHistoryId;
    },
    deliver(
      raw: Buffer | string,
      deliverOptions: { labelIds?: string[]; internalDate?: Date; threadId?: string } = {},
    ) {
      return add(
        Buffer.isBuffer(raw) ? raw : Buffer.from(raw, "utf8"),
        deliverOptions.labelIds ?? ["INBOX", "UNREAD", "IMPORTANT", "CATEGORY_PERSONAL"],
        deliverOptions.threadId,
        deliverOptions.internalDate?.getTime(),
      );
    },
    add,
    /** Makes every history id issued so far stale: history.list from them answers 404. */
    expireHistory() {
      nextHistoryId += 100;
      oldestValidHistoryId = nextHistoryId;
    },
    historySince(startHistoryId: number): HistoryRecord[] | undefined {
      if (startHistoryId < oldestValidHistoryId - 1) return undefined;
      return history.filter((record) => record.id > startHistoryId);
    },
    /** Newest first, like Gmail; SPAM and TRASH only when asked. */
    search(query: string, includeSpamTrash: boolean): StoredMessage[] {
      const terms = query.match(/-?[\w]+:"[^"]*"|-?[\w]+:\S+|"[^"]*"|\S+/g) ?? [];
      return [...messages.values()]
        .filter(
          (message) =>
            includeSpamTrash || !message.labelIds.some((label) => label === "SPAM" || label === "TRASH"),
        )
        .filter((message) => terms.every((term) => matchesTerm(message, term)))
        .sort((a, b) => b.internalDate - a.internalDate || b.historyId - a.historyId);
    },
  };
}

export type GmailMailbox = ReturnType<typeof createGmailMailbox>;
