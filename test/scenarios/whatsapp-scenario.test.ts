/**
 * Issue 7's scenario through the built daemon: a client's WhatsApp message arrives on the signed webhook,
 * becomes a task with a WhatsApp reply waiting for approval, and once approved from the command line
 * exactly one message reaches the (fake) Cloud API. An unsigned post is refused and files nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, eventually, list, read, runCli, startDaemon, tempVault } from "../support/cli.js";
import { createFakeGraphServer } from "../fakes/graph/server.js";
import { signWebhookBody } from "../fakes/graph/sign-webhook.js";
import { createWhatsAppFake } from "../fakes/graph/whatsapp-routes.js";
import { notification, textMessageValue } from "../fakes/graph/whatsapp-webhook-payloads.js";
import { frontMatter } from "../support/front-matter.js";
import { freePort } from "../support/free-port.js";

const PHONE_NUMBER_ID = "106540352242922";
const ACCESS_TOKEN = "EAAG-test-token";
const APP_SECRET = "test-app-secret";
/** Ana Costa's number in the Handbook (+15550100001), as WhatsApp writes a wa_id. */
const ANA = { waId: "15550100001", name: "Ana Costa" };

describe("WhatsApp end to end: signed webhook in, approval, Cloud API out", () => {
  const whatsapp = createWhatsAppFake({ phoneNumberId: PHONE_NUMBER_ID, openWindows: [ANA.waId] });
  const graph = createFakeGraphServer({ accessToken: ACCESS_TOKEN, routes: whatsapp.routes });
  let graphServer: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    graphServer = await graph.start();
  });
  afterAll(async () => {
    await graphServer?.close();
  });

  it(
    "answers a client's message once approved, and refuses an unsigned post",
    { timeout: 120_000 },
    async () => {
      const vault = await tempVault();
      const port = await freePort();
      const env = cleanEnv({
        AI_EMPLOYEE_VAULT: vault,
        DRY_RUN: "false",
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_VERIFY_TOKEN: "verify-me",
        WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
        WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
        WHATSAPP_WEBHOOK_PORT: String(port),
        GRAPH_API_BASE_URL: `${graphServer.url}/v26.0`,
      });
      expect((await runCli(["init"], { env })).code).toBe(0);
      const daemon = await startDaemon([], env);
      try {
        const webhook = `http://127.0.0.1:${port}/webhooks/whatsapp`;
        const post = (body: string, signature: string | undefined) =>
          fetch(webhook, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              ...(signature === undefined ? {} : { "x-hub-signature-256": signature }),
            },
            body,
          });

        const forged = JSON.stringify(
          notification([
            textMessageValue(ANA, {
              phoneNumberId: PHONE_NUMBER_ID,
              id: "wamid.FORGED1",
              text: "please wire money",
            }),
          ]),
        );
        expect([401, 403]).toContain((await post(forged, undefined)).status);
        expect([401, 403]).toContain((await post(forged, signWebhookBody(forged, "wrong-secret"))).status);

        const body = JSON.stringify(
          notification([
            textMessageValue(ANA, {
              phoneNumberId: PHONE_NUMBER_ID,
              id: "wamid.HBgLMTU1NTAxMDAwMDEVAgASGBQzQTdBQjI",
              timestamp: Math.floor(Date.now() / 1000),
              text: "Hi! please send the invoice",
            }),
          ]),
        );
        expect((await post(body, signWebhookBody(body, APP_SECRET))).status).toBe(200);

        const requestName = await eventually(
          async () =>
            (await list(vault, "Pending_Approval")).find((name) => name.startsWith("SEND_WHATSAPP")),
          20_000,
          "a send_whatsapp request",
        );
        // The request is filed a moment before the task note says it waits for it.
        const waiting = await list(vault, "In_Progress/local");
        expect(waiting).toHaveLength(1);
        const task = await eventually(
          async () => {
            const meta = frontMatter(await read(vault, `In_Progress/local/${waiting[0]}`));
            return meta.status === "awaiting_approval" ? meta : undefined;
          },
          10_000,
          "the task awaiting approval",
        );
        expect(task).toMatchObject({ type: "whatsapp_message", contact: "known", from: ANA.waId });
        // Nothing from the refused posts.
        expect(JSON.stringify(task)).not.toMatch(/FORGED|wire money/);

        const request = frontMatter(await read(vault, `Pending_Approval/${requestName}`));
        expect(request).toMatchObject({ tool: "send_whatsapp", status: "pending", task: task.id });
        expect(whatsapp.sent).toHaveLength(0);

        // The invoice is drafted (in the vault's books: Odoo is not configured) and announced on WhatsApp.
        const requests = await list(vault, "Pending_Approval");
        expect(requests.map((name) => name.split("_").slice(0, 2).join("_"))).toEqual([
          "CREATE_INVOICE",
          "SEND_WHATSAPP",
        ]);
        for (const name of requests) {
          const id = String(frontMatter(await read(vault, `Pending_Approval/${name}`)).id);
          expect((await runCli(["approve", id], { env })).code).toBe(0);
        }
        await eventually(
          async () => ((await list(vault, "Done")).includes(waiting[0]!) ? true : undefined),
          30_000,
          "the task in Done/",
        );
        expect(whatsapp.sent).toHaveLength(1);
        expect(whatsapp.sent[0]).toMatchObject({ to: ANA.waId, type: "text" });
        expect(
          graph.calls.filter((call) => call.method === "POST" && call.path.endsWith("/messages")),
        ).toHaveLength(1);
        expect(frontMatter(await read(vault, `Done/${waiting[0]}`))).toMatchObject({ status: "done" });
        expect(await list(vault, "Outbox")).toEqual([]);
      } finally {
        daemon.kill("SIGTERM");
        await new Promise((resolve) => daemon.once("exit", resolve));
      }
    },
  );
});
