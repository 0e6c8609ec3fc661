/**
 * @module WhatsApp `messages` webhook payloads in Meta's documented shapes (object, entry[].changes[].value
 * with metadata, contacts, messages or statuses), for signing and posting to the receiver in tests.
 */

export const BUSINESS = { wabaId: "102290129340398", displayPhoneNumber: "15550783881" } as const;

export interface Sender {
  waId: string;
  name: string;
}

interface Common {
  phoneNumberId: string;
  id: string;
  /** Unix seconds. */
  timestamp?: number;
}

function metadata(phoneNumberId: string) {
  return { display_phone_number: BUSINESS.displayPhoneNumber, phone_number_id: phoneNumberId };
}

function messageValue(sender: Sender, common: Common, content: Record<string, unknown>) {
  return {
    messaging_product: "whatsapp",
    metadata: metadata(common.phoneNumberId),
    contacts: [{ profile: { name: sender.name }, wa_id: sender.waId }],
    messages: [
      {
        from: sender.waId,
        id: common.id,
        timestamp: String(common.timestamp ?? 1_764_000_000),
        ...content,
      },
    ],
  };
}

export function textMessageValue(sender: Sender, common: Common & { text: string }) {
  return messageValue(sender, common, { type: "text", text: { body: common.text } });
}

export function documentMessageValue(
  sender: Sender,
  common: Common & { mediaId: string; fileName: string; mimeType: string; sha256?: string; caption?: string },
) {
  return messageValue(sender, common, {
    type: "document",
    document: {
      ...(common.caption === undefined ? {} : { caption: common.caption }),
      filename: common.fileName,
      mime_type: common.mimeType,
      sha256: common.sha256 ?? "bWFkZS11cC1iYXNlNjQtaGFzaA==",
      id: common.mediaId,
    },
  });
}

export function imageMessageValue(
  sender: Sender,
  common: Common & { mediaId: string; mimeType?: string; caption?: string },
) {
  return messageValue(sender, common, {
    type: "image",
    image: {
      ...(common.caption === undefined ? {} : { caption: common.caption }),
      mime_type: common.mimeType ?? "image/jpeg",
      sha256: "bWFkZS11cC1iYXNlNjQtaGFzaA==",
      id: common.mediaId,
    },
  });
}

export interface StatusSpec {
  messageId: string;
  status: "sent" | "delivered" | "read" | "failed";
  recipient: string;
  timestamp?: number;
  errors?: Array<{ code: number; title: string; message?: string; details?: string }>;
}

export function statusValue(phoneNumberId: string, ...statuses: StatusSpec[]) {
  return {
    messaging_product: "whatsapp",
    metadata: metadata(phoneNumberId),
    statuses: statuses.map((status) => ({
      id: status.messageId,
      status: status.status,
      timestamp: String(status.timestamp ?? 1_764_000_100),
      recipient_id: status.recipient,
      ...(status.status === "failed"
        ? {}
        : {
            conversation: { id: "CONVERSATION_ID", origin: { type: "service" } },
            pricing: {
              billable: false,
              pricing_model: "PMP",
              category: "service",
              type: "free_customer_service",
            },
          }),
      ...(status.errors
        ? {
            errors: status.errors.map((error) => ({
              code: error.code,
              title: error.title,
              message: error.message ?? error.title,
              error_data: { details: error.details ?? error.title },
              href: "https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/",
            })),
          }
        : {}),
    })),
  };
}

/** One notification: each inner list is one entry, each value one `messages` change of it. */
export function notification(...entries: unknown[][]) {
  return {
    object: "whatsapp_business_account",
    entry: entries.map((values) => ({
      id: BUSINESS.wabaId,
      changes: values.map((value) => ({ value, field: "messages" })),
    })),
  };
}
