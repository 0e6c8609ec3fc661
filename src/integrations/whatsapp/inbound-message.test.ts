import { describe, expect, it } from "vitest";
import { describeMessage, senderOf } from "./inbound-message.js";
import { messageSchema } from "./webhook-payload.js";

function message(fields: Record<string, unknown>) {
  return messageSchema.parse({ from: "16505551234", id: "wamid.X", timestamp: "1764150000", ...fields });
}

describe("describeMessage", () => {
  it("takes the text of buttons, interactive replies, locations and shared contacts", () => {
    expect(
      describeMessage(message({ type: "button", button: { text: "Yes, send it", payload: "YES" } }))?.text,
    ).toBe("Yes, send it");
    expect(
      describeMessage(
        message({
          type: "interactive",
          interactive: { type: "button_reply", button_reply: { id: "b1", title: "Pay now" } },
        }),
      )?.text,
    ).toBe("Pay now");
    expect(
      describeMessage(
        message({
          type: "interactive",
          interactive: {
            type: "list_reply",
            list_reply: { id: "l1", title: "Invoice", description: "October" },
          },
        }),
      )?.text,
    ).toBe("Invoice\nOctober");
    expect(
      describeMessage(
        message({ type: "location", location: { latitude: 51.5, longitude: -0.12, name: "Office" } }),
      )?.text,
    ).toBe("Location: Office (51.5, -0.12)");
    expect(
      describeMessage(
        message({
          type: "contacts",
          contacts: [{ name: { formatted_name: "Ana Ruiz" }, phones: [{ phone: "+34 600 000 000" }] }],
        }),
      )?.text,
    ).toBe("Shared contact(s):\n- Ana Ruiz: +34 600 000 000");
  });

  it("makes no task of reactions, stickers and system notices", () => {
    expect(
      describeMessage(message({ type: "reaction", reaction: { message_id: "wamid.Y", emoji: "👍" } })),
    ).toBeUndefined();
    expect(
      describeMessage(message({ type: "sticker", sticker: { id: "1", mime_type: "image/webp" } })),
    ).toBeUndefined();
    expect(describeMessage(message({ type: "system", system: { body: "changed number" } }))).toBeUndefined();
  });

  it("keeps an unsupported message as a task that says to open WhatsApp", () => {
    const content = describeMessage(
      message({ type: "unsupported", errors: [{ code: 131051, title: "Message type unknown" }] }),
    );
    expect(content?.text).toMatch(/does not deliver: Message type unknown; open WhatsApp/);
  });

  it("references audio and video media for download", () => {
    const content = describeMessage(
      message({ type: "audio", audio: { id: "555", mime_type: "audio/ogg; codecs=opus" } }),
    );
    expect(content?.media).toMatchObject({ kind: "audio", mediaId: "555", mimeType: "audio/ogg" });
    expect(content?.media?.fileName).toMatch(/^whatsapp-audio-[0-9a-f]{10}\.ogg$/);
  });
});

describe("senderOf", () => {
  it("prefers the contact's wa_id and falls back to the business-scoped user id", () => {
    const withPhone = message({ type: "text", text: { body: "hi" } });
    expect(senderOf(withPhone, [{ wa_id: "16505551234", profile: { name: "Sheena" } }])).toBe("16505551234");
    const withoutPhone = messageSchema.parse({
      from_user_id: "US.13491208655302741918",
      id: "wamid.Z",
      timestamp: "1764150000",
      type: "text",
      text: { body: "hi" },
    });
    expect(senderOf(withoutPhone, [{ user_id: "US.13491208655302741918", profile: { name: "anon" } }])).toBe(
      "US.13491208655302741918",
    );
  });
});
