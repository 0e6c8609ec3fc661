/**
 * @module Odoo's exceptions as the fake raises them: the Python class name Odoo serialises (`name`),
 * its message, and the HTTP status JSON-2 answers with (`http_status` on `odoo.exceptions.*`, 500 for
 * anything else, werkzeug's own codes for HTTP exceptions).
 */

export class OdooException extends Error {
  constructor(
    /** e.g. `odoo.exceptions.AccessError`, `builtins.ValueError`, `werkzeug.exceptions.NotFound`. */
    readonly exceptionName: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

export const userError = (message: string) => new OdooException("odoo.exceptions.UserError", message, 422);
export const validationError = (message: string) =>
  new OdooException("odoo.exceptions.ValidationError", message, 422);
export const accessError = (message: string) =>
  new OdooException("odoo.exceptions.AccessError", message, 403);
export const accessDenied = (message = "Access Denied") =>
  new OdooException("odoo.exceptions.AccessDenied", message, 403);
export const missingError = (message: string) =>
  new OdooException("odoo.exceptions.MissingError", message, 404);
export const valueError = (message: string) => new OdooException("builtins.ValueError", message, 500);
export const typeError = (message: string) => new OdooException("builtins.TypeError", message, 500);
export const keyError = (message: string) => new OdooException("builtins.KeyError", message, 500);
export const indexError = (message: string) => new OdooException("builtins.IndexError", message, 500);

/** What `odoo.http.serialize_exception` produces, the payload of both protocols' errors. */
export function serializeException(error: OdooException): Record<string, unknown> {
  return {
    name: error.exceptionName,
    message: error.message,
    arguments: [error.message],
    context: {},
    debug: `Traceback (most recent call last):\n  File "odoo/http.py", line 1, in _serve_db\n${error.exceptionName}: ${error.message}\n`,
  };
}
