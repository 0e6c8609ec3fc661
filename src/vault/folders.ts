/**
 * @module The vault's layout: the seed's folders plus what the product needs. The state of a task is
 * the folder its file is in.
 */

export const FOLDERS = {
  inbox: "Inbox",
  needsAction: "Needs_Action",
  inProgress: "In_Progress",
  plans: "Plans",
  pendingApproval: "Pending_Approval",
  approved: "Approved",
  rejected: "Rejected",
  done: "Done",
  briefings: "Briefings",
  logs: "Logs",
  accounting: "Accounting",
  invoices: "Accounting/Invoices",
  payments: "Accounting/Payments",
  skills: "Skills",
  alerts: "Alerts",
  outbox: "Outbox",
  quarantine: "Quarantine",
  attachments: "Attachments",
} as const;

export type FolderName = (typeof FOLDERS)[keyof typeof FOLDERS];

/** The employee's own state (cursors, ledgers, the log chain's head, the heartbeat). Never secrets. */
export const INTERNAL_FOLDER = ".ai-employee";

export const DASHBOARD_FILE = "Dashboard.md";
export const HANDBOOK_FILE = "Company_Handbook.md";
export const BUSINESS_GOALS_FILE = "Business_Goals.md";
export const RATES_FILE = "Accounting/Rates.md";
export const TRANSACTIONS_FILE = "Accounting/Transactions.md";
