/**
 * @module The data behind the fake Graph server: Page posts, Page insights series, Instagram containers
 * (with a scripted sequence of `status_code`s), published Instagram media and their insights, and the
 * Graph error envelope.
 */

export interface FakePagePost {
  id: string;
  kind: "feed" | "photo";
  message: string;
  link?: string;
  image_url?: string;
  created_time: string;
  published: boolean;
  scheduled_publish_time?: number;
  reactions: number;
  comments: number;
  shares: number;
}

export interface FakeContainer {
  id: string;
  image_url: string;
  caption: string;
  /** What successive status checks answer; the last one repeats. */
  script: ContainerStatus[];
  checks: number;
  published: boolean;
}

export type ContainerStatus = "IN_PROGRESS" | "FINISHED" | "ERROR" | "EXPIRED";

export interface FakeInstagramMedia {
  id: string;
  caption: string;
  timestamp: string;
  like_count: number;
  comments_count: number;
  permalink: string;
  /** Lifetime insights; undefined answers Meta's "(#10) Not enough viewers". */
  insights?: { reach: number; views: number };
}

export interface GraphErrorSpec {
  status?: number;
  code: number;
  message: string;
  type?: string;
  error_subcode?: number;
  is_transient?: boolean;
  /** Minutes, sent in `X-Business-Use-Case-Usage` with throttling errors. */
  regainAccessMinutes?: number;
}

export function graphError(spec: GraphErrorSpec): { status: number; body: Record<string, unknown> } {
  return {
    status: spec.status ?? 400,
    body: {
      error: {
        message: spec.message,
        type: spec.type ?? (spec.code === 190 ? "OAuthException" : "GraphMethodException"),
        code: spec.code,
        ...(spec.error_subcode !== undefined ? { error_subcode: spec.error_subcode } : {}),
        is_transient: spec.is_transient ?? false,
        fbtrace_id: "AbCdEfGhIjK",
      },
    },
  };
}

/** Picks the requested fields; `reactions.limit(0).summary(true)` asks for the `reactions` edge. */
export function requestedFields(fields: string | undefined): Set<string> {
  return new Set(
    (fields ?? "")
      .split(/,(?![^(]*\))/)
      .map((field) => field.split(/[.{(]/)[0]!.trim())
      .filter(Boolean),
  );
}

export function pagePostFields(
  post: FakePagePost,
  fields: Set<string>,
  pageId: string,
): Record<string, unknown> {
  const full: Record<string, unknown> = {
    id: post.id,
    message: post.message,
    created_time: post.created_time.replace(/\.\d{3}Z$/, "+0000"),
    permalink_url: `https://www.facebook.com/${pageId}/posts/${post.id.split("_")[1]}`,
    reactions: { data: [], summary: { total_count: post.reactions, viewer_reaction: "NONE" } },
    comments: { data: [], summary: { order: "ranked", total_count: post.comments, can_comment: true } },
    // Meta leaves `shares` out entirely when nobody shared the post.
    ...(post.shares > 0 ? { shares: { count: post.shares } } : {}),
  };
  const selected: Record<string, unknown> = { id: post.id };
  for (const field of fields) if (full[field] !== undefined) selected[field] = full[field];
  return selected;
}

/** Graph's cursor paging over a list, newest first, with an opaque `after` cursor. */
export function pageOf<T>(
  items: T[],
  limit: number,
  after: string | undefined,
  nextUrl: (after: string) => string,
) {
  const offset = after ? Number(Buffer.from(after, "base64url").toString()) : 0;
  const slice = items.slice(offset, offset + limit);
  const nextAfter = Buffer.from(String(offset + limit)).toString("base64url");
  const more = offset + limit < items.length;
  return {
    data: slice,
    ...(slice.length > 0
      ? {
          paging: {
            cursors: { before: Buffer.from(String(offset)).toString("base64url"), after: nextAfter },
            ...(more ? { next: nextUrl(nextAfter) } : {}),
          },
        }
      : {}),
  };
}
