/**
 * @module An invoice's amounts as Odoo computes them: the total from its product lines, and what is
 * left to pay once posted (the fake keeps what was paid in `paid_amount`, outside the model's fields).
 */
import type { Orm, StoredRecord } from "./orm.js";

/** Paid means nothing left to pay, to the cent. */
export const CENT = 0.005;

export const round = (value: number) => Math.round(value * 100) / 100;

export function lines(orm: Orm, move: StoredRecord): StoredRecord[] {
  return orm
    .children("account.move.line", "move_id", move.id)
    .filter((line) => line.display_type === "product");
}

export function total(orm: Orm, move: StoredRecord): number {
  return round(
    lines(orm, move).reduce((sum, line) => sum + Number(line.quantity) * Number(line.price_unit), 0),
  );
}

export function residual(orm: Orm, move: StoredRecord): number {
  return move.state === "posted"
    ? Math.max(0, round(total(orm, move) - Number(move.paid_amount ?? 0)))
    : total(orm, move);
}
