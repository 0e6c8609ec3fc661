/**
 * @module `social_summary`: the week on every configured network (posts, reach, engagement, the top
 * post, mentions needing a reply), composed from each integration's weekly metrics. The CEO briefing's
 * social section is the same table.
 */
import { z } from "zod";
import type { SocialWeeklyMetrics } from "./social-weekly-metrics.js";
import { defineTool, type ToolDefinition } from "./tool-definition.js";

export type WeeklyMetricsSource = () => Promise<SocialWeeklyMetrics>;

function figure(value: number | null): string {
  return value === null ? "—" : value.toLocaleString("en-US");
}

/** A Markdown section: one row per network, then the top post of the week. */
export function renderSocialSummary(
  metrics: readonly SocialWeeklyMetrics[],
  failures: readonly string[] = [],
): string {
  if (metrics.length === 0 && failures.length === 0) return "No social network is configured.";
  const rows = metrics.map(
    (entry) =>
      `| ${entry.network} | ${entry.posts} | ${figure(entry.impressions)} | ${figure(entry.reach)} | ${entry.engagements.toLocaleString("en-US")} | ${figure(entry.mentionsNeedingReply)} |`,
  );
  const top = metrics
    .filter((entry) => entry.topPost !== null)
    .sort((a, b) => b.topPost!.engagements - a.topPost!.engagements)[0];
  return [
    "| Network | Posts | Impressions | Reach | Engagements | Mentions needing a reply |",
    "| ------- | ----- | ----------- | ----- | ----------- | ------------------------ |",
    ...rows,
    "",
    top?.topPost
      ? `Top post: ${top.network} "${top.topPost.text}" (${top.topPost.engagements} engagements${top.topPost.url ? `, ${top.topPost.url}` : ""})`
      : "No posts this week.",
    ...failures.map((failure) => `Missing: ${failure}`),
  ].join("\n");
}

/** Every source is asked; one failing network is reported as missing, not the whole summary. */
export async function collectSocialMetrics(
  sources: readonly WeeklyMetricsSource[],
): Promise<{ metrics: SocialWeeklyMetrics[]; failures: string[] }> {
  const settled = await Promise.allSettled(sources.map((source) => source()));
  const metrics: SocialWeeklyMetrics[] = [];
  const failures: string[] = [];
  for (const result of settled) {
    if (result.status === "fulfilled") metrics.push(result.value);
    else failures.push(result.reason instanceof Error ? result.reason.message : String(result.reason));
  }
  return { metrics, failures };
}

export function createSocialSummaryTool(sources: readonly WeeklyMetricsSource[]): ToolDefinition {
  return defineTool({
    name: "social_summary",
    title: "Summarise the week on social media",
    description:
      "Posts, impressions, reach and engagement of the last seven days on every configured network (X, Facebook, Instagram, LinkedIn), the top post, and how many mentions still need a reply. Read-only.",
    input: z.object({}),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    effect: "read",
    async run() {
      const { metrics, failures } = await collectSocialMetrics(sources);
      return { text: renderSocialSummary(metrics, failures), data: { networks: metrics, failures } };
    },
  });
}
