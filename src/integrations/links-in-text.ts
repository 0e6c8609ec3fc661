/**
 * @module The links a post would publish, for the policy's `links` fact: http(s) URLs and bare
 * `www.` hosts, without the punctuation that usually ends a sentence after them.
 */

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;

export function linksInText(text: string): string[] {
  const links = (text.match(LINK) ?? []).map((link) => link.replace(/[.,;:!?)\]}]+$/, ""));
  return [...new Set(links)];
}
