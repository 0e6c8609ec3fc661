/**
 * @module The figures one network contributes to the weekly social summary: the X, Facebook, Instagram
 * and LinkedIn integrations each produce this shape, and the summary tool composes them.
 */

export interface SocialTopPost {
  id: string;
  url: string | null;
  /** The post's text, shortened for a summary line. */
  text: string;
  engagements: number;
}

export interface SocialWeeklyMetrics {
  network: "x" | "facebook" | "instagram" | "linkedin";
  /** ISO 8601 bounds of the window the figures cover. */
  since: string;
  until: string;
  /** Posts the business published in the window. */
  posts: number;
  /** Times the posts were shown (X impressions, Meta views); null when the network does not report it. */
  impressions: number | null;
  /** Distinct accounts reached; null when the network does not report it. */
  reach: number | null;
  /** Likes/reactions, comments/replies, shares/reposts and quotes on the window's posts. */
  engagements: number;
  topPost: SocialTopPost | null;
  /** Mentions in the window that the account has not replied to; null where there are no mentions. */
  mentionsNeedingReply: number | null;
}

/** The summary covers the last seven days. */
export const SOCIAL_SUMMARY_DAYS = 7;

export function summaryText(text: string, length = 120): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
