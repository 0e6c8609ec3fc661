import { describe, expect, it } from "vitest";
import { readOdooConfig } from "./odoo-config.js";

const full = {
  ODOO_URL: "https://acme.odoo.com/",
  ODOO_DB: "acme",
  ODOO_USER: "bot@acme.example",
  ODOO_API_KEY: "k3y-very-secret-value",
};

describe("readOdooConfig", () => {
  it("is absent without any variable, so the vault's books are used", () => {
    expect(readOdooConfig({})).toEqual({ status: "absent" });
  });

  it("names what is missing, never the key", () => {
    const result = readOdooConfig({
      ODOO_URL: "https://acme.odoo.com",
      ODOO_API_KEY: "k3y-very-secret-value",
    });
    expect(result).toEqual({ status: "incomplete", missing: ["ODOO_DB", "ODOO_USER"] });
    expect(JSON.stringify(result)).not.toContain("k3y-very-secret-value");
  });

  it("rejects a URL that is not http(s) or carries credentials", () => {
    expect(readOdooConfig({ ...full, ODOO_URL: "acme.odoo.com" }).status).toBe("incomplete");
    expect(readOdooConfig({ ...full, ODOO_URL: "https://user:pw@acme.odoo.com" }).status).toBe("incomplete");
  });

  it("reads a complete configuration without the trailing slash", () => {
    expect(readOdooConfig(full)).toEqual({
      status: "configured",
      config: {
        url: "https://acme.odoo.com",
        database: "acme",
        user: "bot@acme.example",
        apiKey: "k3y-very-secret-value",
      },
    });
  });
});
