/**
 * @module Posting on LinkedIn: the `LinkedInPoster` port the `post_linkedin` tool uses, and its adapter
 * for the Posts API (`POST /rest/posts`, the new post's URN read from the `x-restli-id` header). The
 * dry-run adapter is `createOutboxLinkedInPoster`.
 */
import { DataError } from "../../governance/errors/data-error.js";
import type { LinkedInClient } from "./linkedin-client.js";
import { toLittleText } from "./little-text.js";

export interface LinkedInPostRequest {
  text: string;
  /** An article link shown as a card under the text. */
  link?: string;
  /** The card's title; the link itself when absent. */
  linkTitle?: string;
}

export type LinkedInPostOutcome =
  { dryRun: false; urn: string; url: string } | { dryRun: true; outboxPath: string };

export interface LinkedInPoster {
  post(request: LinkedInPostRequest): Promise<LinkedInPostOutcome>;
}

/** The JSON body of `POST /rest/posts` for a public main-feed post. */
export function linkedInPostBody(authorUrn: string, request: LinkedInPostRequest): Record<string, unknown> {
  return {
    author: authorUrn,
    commentary: toLittleText(request.text),
    visibility: "PUBLIC",
    distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
    ...(request.link
      ? { content: { article: { source: request.link, title: request.linkTitle ?? request.link } } }
      : {}),
    lifecycleState: "PUBLISHED",
    isReshareDisabledByAuthor: false,
  };
}

export function createLinkedInPoster(client: LinkedInClient, authorUrn: string): LinkedInPoster {
  return {
    async post(request) {
      const response = await client.send({
        method: "POST",
        path: "/rest/posts",
        body: linkedInPostBody(authorUrn, request),
        what: "posting on LinkedIn",
      });
      const urn = response.headers.get("x-restli-id");
      if (!urn)
        throw new DataError("LinkedIn accepted the post but sent no x-restli-id header with its URN.");
      return { dryRun: false, urn, url: `https://www.linkedin.com/feed/update/${urn}/` };
    },
  };
}
