/**
 * @module The Graph API's shapes shared by the Facebook and Instagram figures: a page of items with
 * cursor paging, and an insights answer.
 */
import { z } from "zod";

export function graphPage<Item extends z.ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    paging: z
      .object({
        cursors: z.object({ after: z.string().optional() }).loose().optional(),
        next: z.string().optional(),
      })
      .loose()
      .optional(),
  });
}

export const graphInsights = z.object({
  data: z.array(
    z.object({ name: z.string(), values: z.array(z.object({ value: z.number() }).loose()) }).loose(),
  ),
});
