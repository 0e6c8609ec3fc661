/**
 * @module How the fake finds and runs a model method the way Odoo's `service/model.py` does: unknown
 * model (KeyError), private method (AccessError), unknown method (AttributeError), `@api.model` methods
 * called without ids, the ORM's standard methods, and one transaction per call.
 */
import { OdooException, accessError, keyError } from "./odoo-exception.js";
import { STANDARD_METHODS, type Env, type MethodDef, type Orm, type Values } from "./orm.js";

export type Signature = Omit<MethodDef, "run"> & { run?: MethodDef["run"] };

export class MethodMissing extends OdooException {
  constructor(model: string, method: string) {
    super("builtins.AttributeError", `The method '${model}.${method}' does not exist`, 404);
  }
}

export function signature(orm: Orm, model: string, method: string): Signature {
  if (!orm.models.has(model)) throw keyError(`'${model}'`);
  if (method.startsWith("_"))
    throw accessError(`Private methods (such as ${model}.${method}) cannot be called remotely.`);
  const custom = orm.model(model).methods?.[method];
  if (custom) return custom;
  const standard = STANDARD_METHODS[method];
  if (standard) return standard;
  throw new MethodMissing(model, method);
}

/** Runs one call; `create` answers the list of new ids (the caller narrows it for a single dict). */
export function runMethod(
  orm: Orm,
  env: Env,
  model: string,
  method: string,
  ids: number[],
  args: Values,
): unknown {
  const definition = signature(orm, model, method);
  return orm.transaction(() => {
    if (definition.run) return definition.run(orm, env, ids, args);
    switch (method) {
      case "search_read":
        return orm.read(model, orm.search(env, model, args.domain, args), args.fields);
      case "search":
        return orm.search(env, model, args.domain, args).map((record) => record.id);
      case "search_count":
        return orm.search(env, model, args.domain, { limit: args.limit }).length;
      case "read":
        return orm.read(model, orm.browse(model, ids), args.fields);
      case "create": {
        const list = Array.isArray(args.vals_list)
          ? (args.vals_list as Values[])
          : [args.vals_list as Values];
        return list.map((values) => orm.create(env, model, values).id);
      }
      case "write":
        orm.write(env, model, orm.browse(model, ids), (args.vals ?? {}) as Values);
        return true;
      default:
        orm.unlink(env, model, orm.browse(model, ids));
        return true;
    }
  });
}
