/**
 * @module Facebook and Instagram wired for the runtime: `post_facebook` and `post_instagram` with the
 * adapter DRY_RUN and each network's configuration call for (Graph, or the Outbox), and each
 * configured network's weekly figures.
 */
import type { ToolDefinition } from "../tool-definition.js";
import type { Outbox } from "../../vault/outbox.js";
import type { StateStore } from "../../vault/state-store.js";
import { createFacebookPoster } from "./facebook-poster.js";
import { fetchFacebookWeeklyMetrics } from "./facebook-weekly-metrics.js";
import { createGraphClient } from "./graph-client.js";
import { createInstagramPoster } from "./instagram-poster.js";
import { createInstagramPublishLedger } from "./instagram-publish-ledger.js";
import { fetchInstagramWeeklyMetrics } from "./instagram-weekly-metrics.js";
import type { FacebookConfig, InstagramConfig } from "./meta-config.js";
import { createOutboxFacebookPoster } from "./outbox-facebook-poster.js";
import { createOutboxInstagramPoster } from "./outbox-instagram-poster.js";
import { createPostFacebookTool } from "./post-facebook-tool.js";
import { createPostInstagramTool } from "./post-instagram-tool.js";
import type { SocialWeeklyMetrics } from "../social-weekly-metrics.js";

export interface MetaIntegrationDeps {
  /** Each network's configuration when its reader said "configured"; undefined otherwise. */
  facebook: FacebookConfig | undefined;
  instagram: InstagramConfig | undefined;
  dryRun: boolean;
  outbox: Outbox;
  state: StateStore;
  fetch: typeof globalThis.fetch;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

export interface MetaIntegration {
  tools: ToolDefinition[];
  fetchFacebookWeeklyMetrics: (() => Promise<SocialWeeklyMetrics>) | undefined;
  fetchInstagramWeeklyMetrics: (() => Promise<SocialWeeklyMetrics>) | undefined;
}

export function createMetaIntegration(deps: MetaIntegrationDeps): MetaIntegration {
  const { facebook, instagram, now } = deps;
  const pageGraph = facebook
    ? createGraphClient({
        baseUrl: facebook.graphApiBaseUrl,
        accessToken: facebook.pageToken,
        tokenVariable: "FACEBOOK_PAGE_TOKEN",
        fetch: deps.fetch,
        now,
      })
    : undefined;
  const instagramGraph = instagram
    ? createGraphClient({
        baseUrl: instagram.graphApiBaseUrl,
        accessToken: instagram.accessToken,
        tokenVariable: "INSTAGRAM_ACCESS_TOKEN",
        fetch: deps.fetch,
        now,
      })
    : undefined;
  const facebookPoster =
    facebook && pageGraph && !deps.dryRun
      ? createFacebookPoster({ graph: pageGraph, pageId: facebook.pageId, now })
      : createOutboxFacebookPoster(deps.outbox, now);
  const instagramPoster =
    instagram && instagramGraph && !deps.dryRun
      ? createInstagramPoster({
          graph: instagramGraph,
          userId: instagram.userId,
          ledger: createInstagramPublishLedger(deps.state, instagram.userId, now),
          now,
          sleep: deps.sleep,
        })
      : createOutboxInstagramPoster(deps.outbox);
  return {
    tools: [
      createPostFacebookTool({ poster: facebookPoster }),
      createPostInstagramTool({ poster: instagramPoster }),
    ],
    fetchFacebookWeeklyMetrics:
      facebook && pageGraph
        ? () => fetchFacebookWeeklyMetrics({ graph: pageGraph, pageId: facebook.pageId, now })
        : undefined,
    fetchInstagramWeeklyMetrics:
      instagram && instagramGraph
        ? () => fetchInstagramWeeklyMetrics({ graph: instagramGraph, userId: instagram.userId, now })
        : undefined,
  };
}
