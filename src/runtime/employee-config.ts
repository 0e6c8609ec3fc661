/**
 * @module The employee's own settings (integrations read theirs), validated once at start-up: a bad
 * value is one clear line naming the variable and the fix.
 */
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { Environment } from "../integrations/integration-config.js";

const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === "") return fallback;
      const normal = value.trim().toLowerCase();
      if (["1", "true", "yes", "on"].includes(normal)) return true;
      if (["0", "false", "no", "off"].includes(normal)) return false;
      context.addIssue({ code: "custom", message: `expected true or false, got "${value}"` });
      return z.NEVER;
    });

const Schema = z.object({
  AI_EMPLOYEE_AGENT: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, "lower-case letters, digits and dashes")
    .default("local"),
  AI_EMPLOYEE_ROLE: z.enum(["local", "cloud"]).default("local"),
  DRY_RUN: flag(true),
  AI_EMPLOYEE_OFFLINE: flag(false),
  LLM_BASE_URL: z.url().optional(),
  LLM_MODEL: z.string().default("qwen2.5:7b-instruct"),
  LLM_API_KEY: z.string().optional(),
  LLM_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(60),
  LLM_DAILY_TOKEN_BUDGET: z.coerce.number().int().positive().default(2_000_000),
  AI_EMPLOYEE_TIMEZONE: z.string().default("UTC"),
  AI_EMPLOYEE_COMPANY: z.string().default("My Business"),
  AI_EMPLOYEE_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD")
    .default("USD"),
  DASHBOARD_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DASHBOARD_HOST: z.string().default("127.0.0.1"),
  DASHBOARD_TOKEN: z.string().optional(),
  WEBHOOK_HOST: z.string().default("127.0.0.1"),
  AI_EMPLOYEE_SECRETS_DIR: z.string().optional(),
  AI_EMPLOYEE_SPOOL_DIR: z.string().optional(),
  SOCIAL_IMAGE_URL: z.url().optional(),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
});

export type EmployeeConfig = {
  agent: string;
  role: "local" | "cloud";
  dryRun: boolean;
  offline: boolean;
  llm:
    | {
        baseUrl: string;
        model: string;
        apiKey: string | undefined;
        timeoutMs: number;
        dailyTokenBudget: number;
      }
    | undefined;
  timezone: string;
  company: string;
  /** The business's own currency: bank statements, briefing figures. */
  currency: string;
  dashboard: { port: number; host: string; token: string | undefined };
  auditRetentionDays: number;
  /** Where webhooks (WhatsApp) listen; loopback by default, behind a tunnel or reverse proxy. */
  webhookHost: string;
  /** Renewed OAuth tokens: outside the vault (default ~/.config/ai-employee). */
  secretsDirectory: string;
  /** Where arrivals wait while the vault cannot be written: outside the vault, one folder per vault. */
  spoolDirectory: string;
  /** A public image the weekly Instagram draft posts (Instagram cannot post text alone). */
  socialImageUrl: string | undefined;
};

export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

export function readEmployeeConfig(
  env: Environment,
  overrides: { offline?: boolean; vaultRoot?: string } = {},
): EmployeeConfig {
  const parsed = Schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigurationError(
      `${issue.path.join(".")}: ${issue.message} (fix it in .env or the environment)`,
    );
  }
  const value = parsed.data;
  return {
    agent: value.AI_EMPLOYEE_AGENT,
    role: value.AI_EMPLOYEE_ROLE,
    dryRun: value.DRY_RUN,
    offline: overrides.offline ?? value.AI_EMPLOYEE_OFFLINE,
    llm: value.LLM_BASE_URL
      ? {
          baseUrl: value.LLM_BASE_URL,
          model: value.LLM_MODEL,
          apiKey: value.LLM_API_KEY,
          timeoutMs: value.LLM_TIMEOUT_SECONDS * 1000,
          dailyTokenBudget: value.LLM_DAILY_TOKEN_BUDGET,
        }
      : undefined,
    timezone: value.AI_EMPLOYEE_TIMEZONE,
    company: value.AI_EMPLOYEE_COMPANY,
    currency: value.AI_EMPLOYEE_CURRENCY,
    dashboard: { port: value.DASHBOARD_PORT, host: value.DASHBOARD_HOST, token: value.DASHBOARD_TOKEN },
    auditRetentionDays: value.AUDIT_RETENTION_DAYS,
    webhookHost: value.WEBHOOK_HOST,
    secretsDirectory:
      value.AI_EMPLOYEE_SECRETS_DIR ?? path.join(env.HOME ?? os.homedir(), ".config", "ai-employee"),
    socialImageUrl: value.SOCIAL_IMAGE_URL,
    spoolDirectory: path.join(
      value.AI_EMPLOYEE_SPOOL_DIR ??
        path.join(env.HOME ?? os.homedir(), ".local", "state", "ai-employee", "spool"),
      createHash("sha256")
        .update(overrides.vaultRoot ?? "vault")
        .digest("hex")
        .slice(0, 16),
    ),
  };
}
