/**
 * @module The shapes of Meta's `messages` webhook (WhatsApp Business Account notifications), checked at
 * the edge. Unknown fields are dropped, not refused: Meta adds fields (BSUIDs, usernames, pricing) often.
 * The envelope is parsed first and each message and status on its own, so one odd item cannot hide the
 * others in a batch.
 */
import { z } from "zod";

const timestampSchema = z.union([z.string().regex(/^\d{1,13}$/), z.number().int().nonnegative()]);

/** An error item in `statuses[].errors`, `messages[].errors` or `value.errors`. */
export const webhookErrorSchema = z.object({
  code: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
});

export const contactSchema = z.object({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.object({ name: z.string().optional() }).optional(),
});

const mediaSchema = z.object({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

export const messageSchema = z.object({
  id: z.string().min(1),
  /** The sender's phone number; absent for users who hide it behind a username (then `from_user_id`). */
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  group_id: z.string().optional(),
  timestamp: timestampSchema,
  type: z.string().min(1),
  context: z.object({ id: z.string().optional(), from: z.string().optional() }).optional(),
  text: z.object({ body: z.string() }).optional(),
  image: mediaSchema.optional(),
  document: mediaSchema.optional(),
  audio: mediaSchema.optional(),
  video: mediaSchema.optional(),
  sticker: mediaSchema.optional(),
  button: z.object({ text: z.string().optional(), payload: z.string().optional() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string().optional(), title: z.string() }).optional(),
      list_reply: z
        .object({ id: z.string().optional(), title: z.string(), description: z.string().optional() })
        .optional(),
      nfm_reply: z.object({ body: z.string().optional(), name: z.string().optional() }).optional(),
    })
    .optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  contacts: z
    .array(
      z.object({
        name: z.object({ formatted_name: z.string().optional() }).optional(),
        phones: z.array(z.object({ phone: z.string().optional() })).optional(),
      }),
    )
    .optional(),
  errors: z.array(webhookErrorSchema).optional(),
});

export const statusSchema = z.object({
  /** The wamid of the message this employee sent. */
  id: z.string().min(1),
  status: z.string().min(1),
  timestamp: timestampSchema.optional(),
  recipient_id: z.string().optional(),
  errors: z.array(webhookErrorSchema).optional(),
});

/** `entry[].changes[].value` of a `messages` change; messages and statuses are parsed one by one later. */
export const messagesValueSchema = z.object({
  messaging_product: z.string().optional(),
  metadata: z
    .object({ display_phone_number: z.string().optional(), phone_number_id: z.string().optional() })
    .optional(),
  contacts: z.array(contactSchema).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(webhookErrorSchema).optional(),
});

export const webhookEnvelopeSchema = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

export type WebhookMessage = z.infer<typeof messageSchema>;
export type WebhookStatus = z.infer<typeof statusSchema>;
export type WebhookContact = z.infer<typeof contactSchema>;
export type MessagesValue = z.infer<typeof messagesValueSchema>;
export type WebhookError = z.infer<typeof webhookErrorSchema>;

/** Meta timestamps are Unix seconds as a string. */
export function webhookTime(timestamp: string | number | undefined, fallback: Date): Date {
  if (timestamp === undefined) return fallback;
  const seconds = Number(timestamp);
  const date = new Date(seconds * 1000);
  return Number.isFinite(seconds) && !Number.isNaN(date.getTime()) ? date : fallback;
}
