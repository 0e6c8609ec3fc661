/**
 * The architecture, checked: which folder of src/ may import which. Dependencies point one way:
 * cli → runtime → (reasoning, mcp, integrations, briefing, dashboard) → governance → vault, and
 * integrations do not import each other. `governance/errors/` is a leaf every layer may use.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

const ALLOWED: Record<string, readonly string[]> = {
  cli: ["cli", "runtime", "mcp", "reasoning", "integrations", "briefing", "dashboard", "governance", "vault"],
  runtime: ["runtime", "reasoning", "mcp", "integrations", "briefing", "dashboard", "governance", "vault"],
  mcp: ["mcp", "integrations", "governance", "vault"],
  reasoning: ["reasoning", "governance", "vault"],
  briefing: ["briefing", "governance", "vault"],
  dashboard: ["dashboard", "governance", "vault"],
  integrations: ["integrations", "governance", "vault"],
  governance: ["governance", "vault"],
  vault: ["vault"],
};

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) files.push(full);
  }
  return files;
}

function layerOf(relative: string): { layer: string; integration: string | undefined } {
  const parts = relative.split("/");
  const layer = parts[0]!;
  const integration = layer === "integrations" && parts.length > 2 ? parts[1] : undefined;
  return { layer, integration };
}

describe("the architecture", () => {
  it("keeps every import of src/ within the allowed directions", async () => {
    const violations: string[] = [];
    const files = await sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const from = path.relative(SRC, file).split(path.sep).join("/");
      const source = layerOf(from);
      const text = await readFile(file, "utf8");
      for (const match of text.matchAll(
        /(?:import|export)[^'"]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g,
      )) {
        const specifier = match[1] ?? match[2]!;
        const target = path
          .relative(SRC, path.resolve(path.dirname(file), specifier))
          .split(path.sep)
          .join("/");
        if (target.startsWith("..")) {
          violations.push(`${from} imports outside src/: ${specifier}`);
          continue;
        }
        if (target.startsWith("governance/errors/")) continue;
        const destination = layerOf(target);
        if (!(ALLOWED[source.layer] ?? []).includes(destination.layer)) {
          violations.push(`${from} (${source.layer}) may not import ${target} (${destination.layer})`);
        }
        if (source.integration && destination.integration && source.integration !== destination.integration) {
          violations.push(`${from}: integrations do not import each other (${target})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it("keeps fakes out of the product", async () => {
    const files = await sourceFiles(SRC);
    const offenders = files.filter((file) => /[/\\]fakes?[/\\]|fake-/.test(path.relative(SRC, file)));
    expect(offenders).toEqual([]);
  });
});
