/**
 * @module The fake ORM's vocabulary: stored records, field and method definitions, and the ORM's
 * standard methods with their Python signatures (named parameters, `@api.model` or on records).
 */
import type { Orm } from "./orm.js";

export type Values = Record<string, unknown>;

/** A stored value as text, the way Python's `str()` would show it in a message. */
export function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "";
}
export type StoredRecord = Values & { id: number };

export interface Env {
  uid: number;
  context: Values;
  /** The user may only read accounting records. */
  readOnlyAccounting: boolean;
}

export interface FieldDef {
  type:
    "char" | "float" | "integer" | "boolean" | "date" | "selection" | "many2one" | "one2many" | "many2many";
  relation?: string;
  /** one2many: the comodel's many2one pointing back. */
  inverse?: string;
  selection?: readonly string[];
  default?: unknown;
  /** Computed on read; never stored, not writable. */
  compute?: (record: StoredRecord, orm: Orm) => unknown;
}

export interface MethodDef {
  /** `@api.model`: called without ids. */
  model: boolean;
  params: readonly string[];
  required?: readonly string[];
  run: (orm: Orm, env: Env, ids: number[], args: Values) => unknown;
}

export interface ModelDef {
  name: string;
  /** Odoo's `_description`, as access errors quote it. */
  description: string;
  fields: Record<string, FieldDef>;
  /** Fields a text search on a many2one to this model matches (`_rec_names_search`). */
  searchNames?: readonly string[];
  displayName?: (record: StoredRecord, orm: Orm) => string;
  /** Accounting models a billing-read-only user may read but not change. */
  guarded?: boolean;
  methods?: Record<string, MethodDef>;
  prepareCreate?: (orm: Orm, env: Env, values: Values) => Values;
  beforeWrite?: (orm: Orm, record: StoredRecord, values: Values) => void;
  beforeUnlink?: (orm: Orm, record: StoredRecord) => void;
  check?: (orm: Orm, record: StoredRecord) => void;
}

export const STANDARD_METHODS: Record<string, Omit<MethodDef, "run">> = {
  search_read: { model: true, params: ["domain", "fields", "offset", "limit", "order", "load"] },
  search: { model: true, params: ["domain", "offset", "limit", "order"] },
  search_count: { model: true, params: ["domain", "limit"] },
  read: { model: false, params: ["fields", "load"] },
  create: { model: true, params: ["vals_list"], required: ["vals_list"] },
  write: { model: false, params: ["vals"], required: ["vals"] },
  unlink: { model: false, params: [] },
};
