/**
 * @module The Odoo settings, read once from the environment. Without them the employee keeps its books
 * in the vault; with some of them missing the integration is disabled with one warning line naming what
 * to set. The key is never logged, echoed or written to the vault.
 */
import { readVariables, type Environment, type IntegrationConfig } from "../integration-config.js";

export interface OdooConfig {
  /** The server's root URL without a trailing slash, e.g. `https://mycompany.odoo.com`. */
  url: string;
  database: string;
  /** The login of the user the employee acts as (usually an email address). */
  user: string;
  /** An API key (Preferences → Account Security) or, for JSON-RPC only, the user's password. */
  apiKey: string;
}

const REQUIRED = ["ODOO_URL", "ODOO_DB", "ODOO_USER", "ODOO_API_KEY"] as const;

export function readOdooConfig(env: Environment): IntegrationConfig<OdooConfig> {
  const variables = readVariables(env, REQUIRED);
  if (variables.status !== "configured") return variables;
  const url = variables.config.ODOO_URL.replace(/\/+$/, "");
  if (!isHttpUrl(url)) {
    return {
      status: "incomplete",
      missing: ["ODOO_URL (the server's http(s) root URL, e.g. https://mycompany.odoo.com)"],
    };
  }
  return {
    status: "configured",
    config: {
      url,
      database: variables.config.ODOO_DB,
      user: variables.config.ODOO_USER,
      apiKey: variables.config.ODOO_API_KEY,
    },
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === ""
    );
  } catch {
    return false;
  }
}
