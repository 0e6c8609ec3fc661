import { describe, expect, it } from "vitest";
import { DEFAULT_GRAPH_API_BASE_URL, readFacebookConfig, readInstagramConfig } from "./meta-config.js";

describe("Meta configuration", () => {
  it("is absent without the network's own variables, even when the shared base URL is set", () => {
    const env = { GRAPH_API_BASE_URL: "http://127.0.0.1:9/v26.0" };
    expect(readFacebookConfig(env)).toEqual({ status: "absent" });
    expect(readInstagramConfig(env)).toEqual({ status: "absent" });
  });

  it("reads each network on its own, with the current Graph version by default", () => {
    expect(readFacebookConfig({ FACEBOOK_PAGE_ID: "123", FACEBOOK_PAGE_TOKEN: "tok" })).toEqual({
      status: "configured",
      config: { pageId: "123", pageToken: "tok", graphApiBaseUrl: DEFAULT_GRAPH_API_BASE_URL },
    });
    expect(DEFAULT_GRAPH_API_BASE_URL).toBe("https://graph.facebook.com/v26.0");
    expect(
      readInstagramConfig({
        INSTAGRAM_USER_ID: "1784",
        INSTAGRAM_ACCESS_TOKEN: "t",
        GRAPH_API_BASE_URL: "http://localhost:1/v26.0/",
      }),
    ).toEqual({
      status: "configured",
      config: { userId: "1784", accessToken: "t", graphApiBaseUrl: "http://localhost:1/v26.0" },
    });
  });

  it("names what to fix", () => {
    expect(readFacebookConfig({ FACEBOOK_PAGE_ID: "123" })).toEqual({
      status: "incomplete",
      missing: ["FACEBOOK_PAGE_TOKEN"],
    });
    const result = readInstagramConfig({
      INSTAGRAM_USER_ID: "@acme",
      INSTAGRAM_ACCESS_TOKEN: "t",
      GRAPH_API_BASE_URL: "nope",
    });
    expect(result.status).toBe("incomplete");
    expect(result.status === "incomplete" ? result.missing.join(" ") : "").toMatch(
      /INSTAGRAM_USER_ID.*GRAPH_API_BASE_URL/,
    );
  });
});
