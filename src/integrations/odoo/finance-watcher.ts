/**
 * @module The finance watcher (daily): overdue invoices become tasks (a reminder to propose), new
 * payments are recorded in `Accounting/Transactions.md`, bank statement CSVs dropped into
 * `Accounting/Statements/` are imported once, and the subscription audit's findings become tasks.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isEmployeeError } from "../../governance/errors/employee-error.js";
import type { StateStore } from "../../vault/state-store.js";
import type { TaskSink } from "../inbound-item.js";
import type { Watcher } from "../watcher.js";
import { parseBankStatement } from "./bank-statement.js";
import type { Books } from "./books.js";
import { findSubscriptionChanges, type SubscriptionFinding } from "./subscription-audit.js";
import { appendTransactions } from "./transactions-ledger.js";

/** The seed's finance watcher runs daily. */
export const FINANCE_POLL_SECONDS = 86_400;
/** Vendor bills compared by the subscription audit: a quarter shows a monthly price change. */
const AUDIT_WINDOW_DAYS = 90;
const STATEMENTS_FOLDER = "Accounting/Statements";
const SOURCE = "finance";

export interface FinanceWatcherDeps {
  books: Books;
  vaultRoot: string;
  state: StateStore;
  sink: TaskSink;
  now(): Date;
  /** The currency of bank statements (they rarely say). */
  currency: string;
  /** The Business_Goals.md subscription-audit threshold, as a fraction (0.2 for "more than 20%"). */
  priceIncreaseThreshold(): Promise<number>;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function createFinanceWatcher(deps: FinanceWatcherDeps): Watcher {
  const { books, sink } = deps;

  async function overdueInvoices(): Promise<number> {
    let created = 0;
    for (const invoice of await books.listInvoices({ overdue: true, limit: 200 })) {
      const result = await sink.submit({
        type: "finance_event",
        source: SOURCE,
        externalId: `overdue:${invoice.id}:${invoice.dueDate ?? ""}`,
        from: invoice.partner.email ?? "",
        fromName: invoice.partner.name,
        subject: `Overdue invoice ${invoice.number ?? invoice.id}: ${invoice.amountResidual} ${invoice.currency} due ${invoice.dueDate ?? "(no due date)"}`,
        received: deps.now().toISOString(),
        body: `Invoice ${invoice.number ?? invoice.id} to ${invoice.partner.name} (${invoice.amountTotal} ${invoice.currency}) was due on ${invoice.dueDate ?? "?"}; ${invoice.amountResidual} ${invoice.currency} is still open.`,
        domain: "business",
        fields: {
          event: "overdue_invoice",
          invoice_id: invoice.id,
          invoice_number: invoice.number ?? null,
          amount_residual: invoice.amountResidual,
          currency: invoice.currency,
          due_date: invoice.dueDate ?? null,
          partner: invoice.partner.name,
        },
      });
      if (result.created) created += 1;
    }
    return created;
  }

  async function payments(): Promise<void> {
    const cursor =
      (await deps.state.read<{ since: string }>("finance-payments"))?.since ??
      day(new Date(deps.now().getTime() - 30 * 86_400_000));
    const received = await books.recentPayments(cursor);
    await appendTransactions(
      deps.vaultRoot,
      received.map((payment) => ({
        date: payment.date,
        description: `Payment from ${payment.partner.name}`,
        amount: payment.amount,
        currency: payment.currency,
        reference: payment.reference,
      })),
    );
    await deps.state.write("finance-payments", { since: day(deps.now()) });
  }

  async function statements(): Promise<number> {
    const folder = path.join(deps.vaultRoot, STATEMENTS_FOLDER);
    await mkdir(folder, { recursive: true });
    const imported = (await deps.state.read<string[]>("finance-statements")) ?? [];
    let lines = 0;
    for (const name of (await readdir(folder)).filter((file) => file.toLowerCase().endsWith(".csv"))) {
      const content = await readFile(path.join(folder, name));
      const digest = createHash("sha256").update(content).digest("hex");
      if (imported.includes(digest)) continue;
      try {
        const rows = parseBankStatement(
          content.toString("utf8"),
          deps.currency,
          `${STATEMENTS_FOLDER}/${name}`,
        );
        await appendTransactions(deps.vaultRoot, rows);
        lines += rows.length;
      } catch (error) {
        if (!isEmployeeError(error) || error.kind !== "data") throw error;
        await sink.quarantine({ source: SOURCE, reason: error.message, name, content });
      }
      imported.push(digest);
      await deps.state.write("finance-statements", imported);
    }
    return lines;
  }

  async function subscriptionAudit(): Promise<number> {
    const now = deps.now();
    const bills = await books.vendorBills(
      day(new Date(now.getTime() - AUDIT_WINDOW_DAYS * 86_400_000)),
      day(now),
    );
    let created = 0;
    for (const finding of findSubscriptionChanges(bills, await deps.priceIncreaseThreshold())) {
      const result = await sink.submit(findingItem(finding, now));
      if (result.created) created += 1;
    }
    return created;
  }

  return {
    name: "finance",
    pollIntervalSeconds: FINANCE_POLL_SECONDS,
    async poll() {
      const overdue = await overdueInvoices();
      await payments();
      await statements();
      return overdue + (await subscriptionAudit());
    },
  };
}

function findingItem(finding: SubscriptionFinding, now: Date) {
  return {
    type: "finance_event" as const,
    source: SOURCE,
    externalId: `subscription:${finding.vendor}:${finding.latest.date}`,
    from: "",
    fromName: finding.vendor,
    subject: `Subscription review: ${finding.vendor} ${finding.reason}`,
    received: now.toISOString(),
    body: `${finding.vendor}: ${finding.reason}. Latest bill ${finding.latest.amount} ${finding.latest.currency} on ${finding.latest.date}${finding.previous ? `, previous ${finding.previous.amount} ${finding.previous.currency} on ${finding.previous.date}` : ""}.`,
    domain: "business" as const,
    fields: {
      event: "subscription_review",
      vendor: finding.vendor,
      latest_amount: finding.latest.amount,
      currency: finding.latest.currency,
      reason: finding.reason,
    },
  };
}
