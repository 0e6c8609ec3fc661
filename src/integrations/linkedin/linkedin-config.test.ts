import { describe, expect, it } from "vitest";
import { DEFAULT_LINKEDIN_VERSION, readLinkedInConfig } from "./linkedin-config.js";

describe("readLinkedInConfig", () => {
  it("is absent without token and author, even with a version or base URL set", () => {
    expect(
      readLinkedInConfig({ LINKEDIN_VERSION: "202611", LINKEDIN_API_BASE_URL: "http://127.0.0.1:1" }),
    ).toEqual({
      status: "absent",
    });
  });

  it("applies defaults", () => {
    expect(
      readLinkedInConfig({ LINKEDIN_ACCESS_TOKEN: "t", LINKEDIN_AUTHOR_URN: "urn:li:person:abC-12_x" }),
    ).toEqual({
      status: "configured",
      config: {
        accessToken: "t",
        authorUrn: "urn:li:person:abC-12_x",
        apiBaseUrl: "https://api.linkedin.com",
        version: DEFAULT_LINKEDIN_VERSION,
      },
    });
  });

  it("names what to fix", () => {
    expect(readLinkedInConfig({ LINKEDIN_ACCESS_TOKEN: "t" })).toEqual({
      status: "incomplete",
      missing: ["LINKEDIN_AUTHOR_URN"],
    });
    const result = readLinkedInConfig({
      LINKEDIN_ACCESS_TOKEN: "t",
      LINKEDIN_AUTHOR_URN: "acme",
      LINKEDIN_VERSION: "2026-07",
      LINKEDIN_API_BASE_URL: "api.linkedin.com",
    });
    expect(result.status === "incomplete" ? result.missing.join(" ") : "").toMatch(
      /LINKEDIN_AUTHOR_URN.*LINKEDIN_VERSION.*LINKEDIN_API_BASE_URL/,
    );
  });
});
