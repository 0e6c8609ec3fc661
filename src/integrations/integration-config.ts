/**
 * @module How an integration reads its settings from the environment. Incomplete settings disable the
 * integration with one warning line; they never stop the employee from starting.
 */

export type Environment = Readonly<Record<string, string | undefined>>;

export type IntegrationConfig<T> =
  { status: "configured"; config: T } | { status: "absent" } | { status: "incomplete"; missing: string[] };

/**
 * Reads a group of variables: absent when none is set, incomplete when some required ones are missing.
 */
export function readVariables<K extends string>(
  env: Environment,
  required: readonly K[],
  optional: readonly string[] = [],
): IntegrationConfig<Record<K, string>> {
  const present = [...required, ...optional].filter((name) => (env[name] ?? "").trim() !== "");
  if (present.length === 0) return { status: "absent" };
  const missing = required.filter((name) => (env[name] ?? "").trim() === "");
  if (missing.length > 0) return { status: "incomplete", missing };
  const config = {} as Record<K, string>;
  for (const name of required) config[name] = (env[name] ?? "").trim();
  return { status: "configured", config };
}
