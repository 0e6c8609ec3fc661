import { describe, expect, it } from "vitest";
import { z } from "zod";
import { typicalEmailOffers, typicalEmailTask } from "../../test/fakes/openai/typical-email-task.js";
import { replyProposal } from "./reply-proposal.js";

async function schemaOf(tool: string) {
  const offer = (await typicalEmailOffers()).find((entry) => entry.name === tool);
  if (!offer) throw new Error(`no recorded offer for ${tool}`);
  return z.fromJSONSchema(offer.inputSchema);
}

describe("replyProposal", () => {
  it("answers an email in its thread with the email tools' own argument names", async () => {
    const proposal = replyProposal(typicalEmailTask(), "Hello Ben", "Acknowledge")!;
    expect(proposal.tool).toBe("reply_email");
    expect((await schemaOf("reply_email")).safeParse(proposal.arguments).success).toBe(true);
    expect(proposal.arguments).toMatchObject({
      to: ["ben@client-b.example"],
      in_reply_to: "<CAF1234.5678@mail.client-b.example>",
      body: "Hello Ben",
    });
  });

  it("sends a new email when the message cannot be threaded", async () => {
    const task = typicalEmailTask();
    delete task.meta.message_id;
    const proposal = replyProposal(task, "Hello Ben", "Acknowledge")!;
    expect(proposal.tool).toBe("send_email");
    expect((await schemaOf("send_email")).safeParse(proposal.arguments).success).toBe(true);
  });

  it("replies on X only to a post it has the numeric id of", () => {
    const task = {
      ...typicalEmailTask(),
      meta: {
        ...typicalEmailTask().meta,
        type: "x_mention" as const,
        from: "@someone",
        tweet_id: "1800000000000000001",
      },
    };
    expect(replyProposal(task, "Thanks!", "Thank")?.arguments).toEqual({
      text: "Thanks!",
      in_reply_to_tweet_id: "1800000000000000001",
    });
    expect(
      replyProposal({ ...task, meta: { ...task.meta, tweet_id: undefined } }, "Thanks!", "Thank"),
    ).toBeUndefined();
  });
});
