/**
 * @module A small in-memory ORM with the behaviour an external client can observe in Odoo: typed
 * fields (many2one read as `[id, name]`, empty values as `false`), x2many commands (`[0, 0, vals]`,
 * `[1, id, vals]`, `[2, id]`, `[4, id]`, `[5]`, `[6, 0, ids]`), defaults, computed fields, domains,
 * `order`, `active` records hidden by default, access rights per user, and the errors Odoo raises for an
 * unknown field, a missing record or a forbidden write.
 */
import { domainFields, evaluateDomain, likeMatches, parseDomain, type Leaf } from "./domain.js";
import { convertValue, manyToManyIds, matchValue, splitPath } from "./field-values.js";
import { accessError, keyError, missingError, valueError } from "./odoo-exception.js";
import { text, type Env, type FieldDef, type ModelDef, type StoredRecord, type Values } from "./orm-types.js";

export {
  STANDARD_METHODS,
  text,
  type Env,
  type FieldDef,
  type MethodDef,
  type ModelDef,
  type StoredRecord,
  type Values,
} from "./orm-types.js";

export class Orm {
  private readonly tables = new Map<string, Map<number, StoredRecord>>();
  private readonly sequences = new Map<string, number>();

  constructor(
    readonly models: ReadonlyMap<string, ModelDef>,
    readonly today: () => string,
  ) {}

  /** One RPC call is one database transaction in Odoo: a failure leaves nothing behind. */
  transaction<T>(work: () => T): T {
    const tables = structuredClone(this.tables);
    const sequences = new Map(this.sequences);
    try {
      return work();
    } catch (error) {
      this.tables.clear();
      for (const [name, table] of tables) this.tables.set(name, table);
      this.sequences.clear();
      for (const [name, value] of sequences) this.sequences.set(name, value);
      throw error;
    }
  }

  model(name: string): ModelDef {
    const model = this.models.get(name);
    if (!model) throw keyError(`'${name}'`);
    return model;
  }

  table(name: string): Map<number, StoredRecord> {
    let table = this.tables.get(name);
    if (!table) this.tables.set(name, (table = new Map()));
    return table;
  }

  /** The next number of a named sequence (journal numbering). */
  next(sequence: string): number {
    const value = (this.sequences.get(sequence) ?? 0) + 1;
    this.sequences.set(sequence, value);
    return value;
  }

  browse(model: string, ids: number[]): StoredRecord[] {
    const table = this.table(model);
    const missing = ids.filter((id) => !table.has(id));
    if (missing.length > 0)
      throw missingError(
        `Record does not exist or has been deleted.\n(Record: ${model}(${missing.join(", ")},), User: 2)`,
      );
    return ids.map((id) => table.get(id) as StoredRecord);
  }

  value(model: string, record: StoredRecord, field: string): unknown {
    const definition = this.model(model).fields[field];
    if (field === "id") return record.id;
    if (!definition) throw valueError(`Invalid field '${field}' on model '${model}'`);
    return definition.compute ? definition.compute(record, this) : (record[field] ?? false);
  }

  displayName(model: string, record: StoredRecord): string {
    const definition = this.model(model);
    return definition.displayName
      ? definition.displayName(record, this)
      : record.name === undefined
        ? `${model},${record.id}`
        : text(record.name);
  }

  checkAccess(env: Env, model: string, operation: "create" | "write" | "unlink"): void {
    const definition = this.model(model);
    if (!definition.guarded || !env.readOnlyAccounting) return;
    const verb = operation === "create" ? "create" : operation === "write" ? "modify" : "delete";
    throw accessError(
      `You are not allowed to ${verb} '${definition.description}' (${model}) records.\n\nThis operation is allowed for the following groups:\n\t- Invoicing/Billing\n\nContact your administrator to request access if necessary.`,
    );
  }

  search(
    env: Env,
    model: string,
    domain: unknown,
    options: { offset?: unknown; limit?: unknown; order?: unknown } = {},
  ): StoredRecord[] {
    const tree = parseDomain(domain);
    const definition = this.model(model);
    const fields = domainFields(tree);
    for (const field of fields) this.fieldOf(model, field.split(".")[0] ?? field);
    const activeTest =
      "active" in definition.fields && env.context.active_test !== false && !fields.includes("active");
    let records = [...this.table(model).values()].filter(
      (record) =>
        (!activeTest || record.active !== false) &&
        evaluateDomain(tree, (leaf) => this.leafMatches(model, record, leaf)),
    );
    records = this.sorted(model, records, typeof options.order === "string" ? options.order : "id");
    const offset = typeof options.offset === "number" ? options.offset : 0;
    const limit = typeof options.limit === "number" && options.limit > 0 ? options.limit : undefined;
    return records.slice(offset, limit === undefined ? undefined : offset + limit);
  }

  read(model: string, records: StoredRecord[], fields: unknown): Values[] {
    const names =
      Array.isArray(fields) && fields.length > 0
        ? (fields as string[])
        : Object.keys(this.model(model).fields);
    for (const name of names)
      if (name !== "id" && !this.model(model).fields[name])
        throw valueError(`Invalid field '${name}' on model '${model}'`);
    return records.map((record) => {
      const row: Values = { id: record.id };
      for (const name of names) row[name] = this.external(model, record, name);
      return row;
    });
  }

  create(env: Env, model: string, values: Values): StoredRecord {
    this.checkAccess(env, model, "create");
    const definition = this.model(model);
    const prepared = definition.prepareCreate
      ? definition.prepareCreate(this, env, { ...values })
      : { ...values };
    const record: StoredRecord = { id: this.next(`id:${model}`) };
    for (const [name, field] of Object.entries(definition.fields)) {
      if (field.compute || field.type === "one2many" || name in prepared || field.default === undefined)
        continue;
      record[name] =
        typeof field.default === "function"
          ? (field.default as (o: Orm, e: Env, v: Values) => unknown)(this, env, prepared)
          : field.default;
    }
    const deferred = this.assign(model, record, prepared);
    this.table(model).set(record.id, record);
    deferred.forEach((apply) => apply(env));
    definition.check?.(this, record);
    return record;
  }

  write(env: Env, model: string, records: StoredRecord[], values: Values): void {
    this.checkAccess(env, model, "write");
    const definition = this.model(model);
    for (const record of records) {
      definition.beforeWrite?.(this, record, values);
      this.assign(model, record, values).forEach((apply) => apply(env));
      definition.check?.(this, record);
    }
  }

  unlink(env: Env, model: string, records: StoredRecord[]): void {
    this.checkAccess(env, model, "unlink");
    for (const record of records) {
      this.model(model).beforeUnlink?.(this, record);
      this.table(model).delete(record.id);
    }
  }

  private fieldOf(model: string, name: string): FieldDef {
    const field = this.model(model).fields[name];
    if (name === "id") return { type: "integer" };
    if (!field) throw valueError(`Invalid field ${model}.${name} in leaf`);
    return field;
  }

  /** Converts and stores `values`; x2many commands run after the record exists. */
  private assign(model: string, record: StoredRecord, values: Values): ((env: Env) => void)[] {
    const deferred: ((env: Env) => void)[] = [];
    for (const [name, raw] of Object.entries(values)) {
      const field = this.model(model).fields[name];
      if (!field || field.compute) throw valueError(`Invalid field '${name}' on model '${model}'`);
      if (field.type === "one2many") deferred.push((env) => this.oneToMany(env, field, record, raw));
      else if (field.type === "many2many") record[name] = manyToManyIds(record[name], raw);
      else
        record[name] = convertValue(model, name, field, raw, (relation, id) => this.table(relation).has(id));
    }
    return deferred;
  }

  private oneToMany(env: Env, field: FieldDef, parent: StoredRecord, commands: unknown): void {
    const comodel = field.relation ?? "";
    const inverse = field.inverse ?? "";
    for (const command of Array.isArray(commands) ? (commands as unknown[]) : []) {
      if (!Array.isArray(command)) throw valueError(`Invalid one2many command ${JSON.stringify(command)}`);
      const [code, id, values] = command as [number, number, Values];
      if (code === 0) this.create(env, comodel, { ...values, [inverse]: parent.id });
      else if (code === 1) this.write(env, comodel, this.browse(comodel, [id]), values);
      else if (code === 2) this.unlink(env, comodel, this.browse(comodel, [id]));
      else if (code === 5) this.unlink(env, comodel, this.children(comodel, inverse, parent.id));
      else throw valueError(`Unsupported one2many command ${JSON.stringify(command)}`);
    }
  }

  children(model: string, inverse: string, parentId: number): StoredRecord[] {
    return [...this.table(model).values()].filter((record) => record[inverse] === parentId);
  }

  /** A value as read over RPC. */
  private external(model: string, record: StoredRecord, name: string): unknown {
    if (name === "id") return record.id;
    const field = this.model(model).fields[name] as FieldDef;
    if (field.type === "one2many")
      return this.children(field.relation ?? "", field.inverse ?? "", record.id).map((child) => child.id);
    const value = this.value(model, record, name);
    if (field.type === "many2one") {
      if (value === false || value === undefined) return false;
      const related = this.table(field.relation ?? "").get(value as number);
      return related ? [related.id, this.displayName(field.relation ?? "", related)] : false;
    }
    if (field.type === "many2many") return Array.isArray(value) ? value : [];
    if (
      (field.type === "char" || field.type === "date" || field.type === "selection") &&
      (value === "" || value === undefined)
    )
      return false;
    return value;
  }

  private leafMatches(model: string, record: StoredRecord, [path, operator, expected]: Leaf): boolean {
    const [name = "", rest] = splitPath(path);
    const field = this.fieldOf(model, name);
    const value = name === "id" ? record.id : this.value(model, record, name);
    if (rest !== undefined) {
      if (field.type !== "many2one") throw valueError(`Invalid path ${path}`);
      const related = value === false ? undefined : this.table(field.relation ?? "").get(value as number);
      return related
        ? this.leafMatches(field.relation ?? "", related, [rest, operator, expected])
        : operator === "=" && expected === false;
    }
    if (field.type === "many2one" && typeof expected === "string") {
      const related = value === false ? undefined : this.table(field.relation ?? "").get(value as number);
      const names = this.model(field.relation ?? "").searchNames ?? ["name"];
      const texts = related
        ? names
            .map((item) => text(related[item] ?? ""))
            .concat(this.displayName(field.relation ?? "", related))
        : [];
      const positive = operator.startsWith("not ") ? operator.slice(4) : operator === "!=" ? "=" : operator;
      const hit =
        positive === "="
          ? texts.includes(expected)
          : texts.some((text) => likeMatches(positive, text, expected));
      return operator.startsWith("not ") || operator === "!=" ? !hit : hit;
    }
    return matchValue(operator, value, expected);
  }

  private sorted(model: string, records: StoredRecord[], order: string): StoredRecord[] {
    const keys = order.split(",").map((part) => {
      const [name = "id", direction = "asc"] = part.trim().split(/\s+/);
      if (!/^(asc|desc)$/i.test(direction)) throw valueError(`Invalid "order" specified (${order})`);
      const field = this.fieldOf(model, name);
      return { name, field, sign: direction.toLowerCase() === "desc" ? -1 : 1 };
    });
    const sortValue = (record: StoredRecord, name: string, field: FieldDef): string | number => {
      const value = name === "id" ? record.id : this.value(model, record, name);
      if (field.type === "many2one" && value !== false) {
        const related = this.table(field.relation ?? "").get(value as number);
        return related ? this.displayName(field.relation ?? "", related) : "";
      }
      return typeof value === "number" ? value : value === false || value === undefined ? "" : text(value);
    };
    return [...records].sort((a, b) => {
      for (const { name, field, sign } of keys) {
        const left = sortValue(a, name, field);
        const right = sortValue(b, name, field);
        if (left < right) return -sign;
        if (left > right) return sign;
      }
      return 0;
    });
  }
}
