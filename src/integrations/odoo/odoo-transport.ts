/**
 * @module What both Odoo protocols offer the client: run one model method with named arguments.
 * Keeping the call in named form (JSON-2's native shape) lets the JSON-RPC side decide the positional
 * layout `execute_kw` needs, so nothing above the transport knows which protocol is in use.
 */
import type { OdooProtocol } from "./odoo-fault.js";

export interface OdooCall {
  /** The records the method runs on: JSON-2's `ids`, JSON-RPC's first positional argument. */
  ids?: number[];
  /** Named arguments, e.g. `{ domain, fields }` for `search_read` or `{ vals_list }` for `create`. */
  params?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

export interface OdooTransport {
  readonly protocol: OdooProtocol;
  execute(model: string, method: string, call: OdooCall, signal?: AbortSignal): Promise<unknown>;
}
