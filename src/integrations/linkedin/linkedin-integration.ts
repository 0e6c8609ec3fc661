/**
 * @module LinkedIn wired for the runtime: `post_linkedin` with the adapter DRY_RUN and the configuration
 * call for (the Posts API, or the Outbox), and the weekly figures when LinkedIn is configured.
 */
import type { ToolDefinition } from "../tool-definition.js";
import type { Outbox } from "../../vault/outbox.js";
import { createLinkedInClient } from "./linkedin-client.js";
import type { LinkedInConfig } from "./linkedin-config.js";
import { createLinkedInPoster } from "./linkedin-poster.js";
import { fetchLinkedInWeeklyMetrics } from "./linkedin-weekly-metrics.js";
import { createOutboxLinkedInPoster } from "./outbox-linkedin-poster.js";
import { createPostLinkedInTool } from "./post-linkedin-tool.js";
import type { SocialWeeklyMetrics } from "../social-weekly-metrics.js";

export interface LinkedInIntegrationDeps {
  /** The configuration when `readLinkedInConfig` said "configured"; undefined otherwise. */
  config: LinkedInConfig | undefined;
  dryRun: boolean;
  outbox: Outbox;
  fetch: typeof globalThis.fetch;
  now: () => Date;
}

export interface LinkedInIntegration {
  tools: ToolDefinition[];
  fetchWeeklyMetrics: (() => Promise<SocialWeeklyMetrics>) | undefined;
}

/** Shown as the author in dry-run renderings when LinkedIn is not configured. */
const UNCONFIGURED_AUTHOR = "urn:li:person:(LINKEDIN_AUTHOR_URN not set)";

export function createLinkedInIntegration(deps: LinkedInIntegrationDeps): LinkedInIntegration {
  const { config, now } = deps;
  const client = config ? createLinkedInClient({ config, fetch: deps.fetch, now }) : undefined;
  const poster =
    client && config && !deps.dryRun
      ? createLinkedInPoster(client, config.authorUrn)
      : createOutboxLinkedInPoster(deps.outbox, config?.authorUrn ?? UNCONFIGURED_AUTHOR);
  return {
    tools: [createPostLinkedInTool({ poster })],
    fetchWeeklyMetrics:
      client && config
        ? () => fetchLinkedInWeeklyMetrics({ client, authorUrn: config.authorUrn, now })
        : undefined,
  };
}
