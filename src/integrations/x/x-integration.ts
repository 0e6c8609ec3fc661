/**
 * @module X wired for the runtime: the `post_x` tool with the adapter DRY_RUN and the configuration
 * call for (the real API, or the Outbox), the mentions watcher and the weekly figures when X is
 * configured. Watching is reading, so it runs in dry run too.
 */
import type { TaskSink } from "../inbound-item.js";
import type { ToolDefinition } from "../tool-definition.js";
import type { Watcher } from "../watcher.js";
import type { Outbox } from "../../vault/outbox.js";
import type { StateStore } from "../../vault/state-store.js";
import { createOutboxXPoster } from "./outbox-x-poster.js";
import { createPostXTool } from "./post-x-tool.js";
import type { SocialWeeklyMetrics } from "../social-weekly-metrics.js";
import { createVaultMediaLoader } from "./vault-media-loader.js";
import type { XConfig } from "./x-config.js";
import { createXMentionsWatcher } from "./x-mentions-watcher.js";
import { createXPoster } from "./x-poster.js";
import { createXSession } from "./x-session.js";
import type { XTokenStore } from "./x-token-store.js";
import { fetchXWeeklyMetrics } from "./x-weekly-metrics.js";

export interface XIntegrationDeps {
  /** The configuration when `readXConfig` said "configured"; undefined otherwise. */
  config: XConfig | undefined;
  dryRun: boolean;
  vaultRoot: string;
  outbox: Outbox;
  /** Outside the vault, e.g. `createFileXTokenStore("~/.config/ai-employee")`. */
  tokenStore: XTokenStore;
  state: StateStore;
  sink: TaskSink;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

export interface XIntegration {
  tools: ToolDefinition[];
  watcher: Watcher | undefined;
  fetchWeeklyMetrics: (() => Promise<SocialWeeklyMetrics>) | undefined;
}

export function createXIntegration(deps: XIntegrationDeps): XIntegration {
  const { config, now, sleep } = deps;
  const session = config ? createXSession({ config, tokenStore: deps.tokenStore, now, sleep }) : undefined;
  const poster = session && !deps.dryRun ? createXPoster(session, sleep) : createOutboxXPoster(deps.outbox);
  return {
    tools: [createPostXTool({ poster, loadMedia: createVaultMediaLoader(deps.vaultRoot) })],
    watcher:
      session && config
        ? createXMentionsWatcher({
            session,
            state: deps.state,
            sink: deps.sink,
            pollIntervalSeconds: config.pollSeconds,
            now,
          })
        : undefined,
    fetchWeeklyMetrics: session ? () => fetchXWeeklyMetrics({ session, now }) : undefined,
  };
}
