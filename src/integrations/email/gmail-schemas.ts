/**
 * @module The Gmail API's JSON, parsed once at the edge (users.getProfile, messages.list/get/send,
 * history.list, drafts.create, and the error envelope), after Google's REST reference.
 */
import { z } from "zod";

export const gmailProfileSchema = z.object({
  emailAddress: z.string(),
  historyId: z.string(),
});

const messageRefSchema = z.object({ id: z.string(), threadId: z.string() });

export const gmailMessageListSchema = z.object({
  messages: z.array(messageRefSchema).optional(),
  nextPageToken: z.string().optional(),
  resultSizeEstimate: z.number().optional(),
});

export const gmailMessageSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()).optional(),
  snippet: z.string().optional(),
  historyId: z.string().optional(),
  internalDate: z.string().optional(),
  sizeEstimate: z.number().optional(),
  raw: z.string().optional(),
  payload: z
    .object({ headers: z.array(z.object({ name: z.string(), value: z.string() })).optional() })
    .optional(),
});

export const gmailHistoryListSchema = z.object({
  history: z
    .array(
      z.object({
        id: z.string(),
        messagesAdded: z
          .array(z.object({ message: messageRefSchema.extend({ labelIds: z.array(z.string()).optional() }) }))
          .optional(),
      }),
    )
    .optional(),
  historyId: z.string(),
  nextPageToken: z.string().optional(),
});

export const gmailDraftSchema = z.object({
  id: z.string(),
  message: messageRefSchema.extend({ labelIds: z.array(z.string()).optional() }),
});

export const gmailErrorSchema = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    errors: z
      .array(
        z.object({
          reason: z.string().optional(),
          domain: z.string().optional(),
          message: z.string().optional(),
        }),
      )
      .optional(),
  }),
});

export const oauthTokenSchema = z.object({
  access_token: z.string(),
  expires_in: z.number().optional(),
});

export const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

export type GmailMessage = z.infer<typeof gmailMessageSchema>;
