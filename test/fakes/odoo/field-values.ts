/**
 * @module How the fake ORM turns client values into stored ones (and refuses what Odoo refuses), and
 * how one domain leaf compares a stored value with the one asked for.
 */
import { compare, likeMatches } from "./domain.js";
import { validationError, valueError } from "./odoo-exception.js";
import { text, type FieldDef } from "./orm-types.js";

export function convertValue(
  model: string,
  name: string,
  field: FieldDef,
  raw: unknown,
  exists: (relation: string, id: number) => boolean,
): unknown {
  if (raw === false || raw === null) return false;
  switch (field.type) {
    case "many2one": {
      const id = Number(raw);
      if (!Number.isInteger(id) || !exists(field.relation ?? "", id)) {
        throw validationError(
          `The operation cannot be completed: ${model}.${name} refers to a record that does not exist (${text(raw)}).`,
        );
      }
      return id;
    }
    case "float":
    case "integer": {
      const number = Number(raw);
      if (typeof raw === "boolean" || !Number.isFinite(number))
        throw valueError(`could not convert ${text(raw)} to float for ${model}.${name}`);
      return number;
    }
    case "date":
      if (typeof raw !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(raw))
        throw valueError(`time data '${text(raw)}' does not match format '%Y-%m-%d'`);
      return raw;
    case "selection":
      if (!field.selection?.includes(text(raw)))
        throw valueError(`Wrong value for ${model}.${name}: '${text(raw)}'`);
      return raw;
    case "boolean":
      return Boolean(raw);
    default:
      return text(raw);
  }
}

/** Applies many2many commands `[4, id]`, `[3, id]`, `[5]`, `[6, 0, ids]` to the current ids. */
export function manyToManyIds(current: unknown, commands: unknown): number[] {
  let ids = Array.isArray(current) ? [...(current as number[])] : [];
  for (const command of Array.isArray(commands) ? (commands as unknown[]) : []) {
    const [code, id, list] = command as [number, number, number[]];
    if (code === 4 && !ids.includes(id)) ids.push(id);
    else if (code === 3) ids = ids.filter((item) => item !== id);
    else if (code === 5) ids = [];
    else if (code === 6) ids = [...list];
    else throw valueError(`Unsupported many2many command ${JSON.stringify(command)}`);
  }
  return ids;
}

export function splitPath(path: string): [string, string | undefined] {
  const dot = path.indexOf(".");
  return dot < 0 ? [path, undefined] : [path.slice(0, dot), path.slice(dot + 1)];
}

export function matchValue(operator: string, value: unknown, expected: unknown): boolean {
  const many = Array.isArray(value);
  switch (operator) {
    case "=":
      return many
        ? expected === false
          ? value.length === 0
          : value.includes(expected)
        : value === expected || (expected === false && (value === "" || value === undefined));
    case "!=":
      return !matchValue("=", value, expected);
    case "in":
      if (!Array.isArray(expected)) throw valueError(`Invalid value for 'in': ${JSON.stringify(expected)}`);
      return many ? value.some((item) => expected.includes(item)) : expected.includes(value);
    case "not in":
      return !matchValue("in", value, expected);
    case "<":
    case "<=":
    case ">":
    case ">=":
      return compare(operator, value, expected);
    default: {
      if (value === false || value === undefined) return operator.startsWith("not ");
      const hit = likeMatches(operator.replace(/^not /, ""), text(value), text(expected));
      return operator.startsWith("not ") ? !hit : hit;
    }
  }
}
