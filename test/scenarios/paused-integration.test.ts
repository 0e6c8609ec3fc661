/**
 * Recovery from refused credentials (the governance issue's "authentication" row): a send refused for
 * its token pauses the integration with an alert, the approval waits in Approved/, and when the person
 * fixes `.env` the employee restarts with it and the approved message leaves — once.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeGraphServer } from "../fakes/graph/server.js";
import { signWebhookBody } from "../fakes/graph/sign-webhook.js";
import { createWhatsAppFake } from "../fakes/graph/whatsapp-routes.js";
import { notification, textMessageValue } from "../fakes/graph/whatsapp-webhook-payloads.js";
import { cleanEnv, eventually, list, read, runCli, startDaemon, tempVault } from "../support/cli.js";
import { freePort } from "../support/free-port.js";
import { frontMatter } from "../support/front-matter.js";

const PHONE_NUMBER_ID = "106540352242922";
const ACCESS_TOKEN = "EAAG-right-token";
const APP_SECRET = "test-app-secret";
const ANA = { waId: "15550100001", name: "Ana Costa" };

describe("an integration refused for its credentials", () => {
  const whatsapp = createWhatsAppFake({ phoneNumberId: PHONE_NUMBER_ID, openWindows: [ANA.waId] });
  const graph = createFakeGraphServer({ accessToken: ACCESS_TOKEN, routes: whatsapp.routes });
  let graphServer: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    graphServer = await graph.start();
  });
  afterAll(async () => {
    await graphServer?.close();
  });

  it("pauses with an alert and resumes when .env changes", { timeout: 120_000 }, async () => {
    const vault = await tempVault();
    const folder = await mkdtemp(path.join(tmpdir(), "employee-cwd-"));
    const port = await freePort();
    const dotenv = (token: string) =>
      [
        `AI_EMPLOYEE_VAULT=${vault}`,
        "DRY_RUN=false",
        `WHATSAPP_APP_SECRET=${APP_SECRET}`,
        "WHATSAPP_VERIFY_TOKEN=verify-me",
        `WHATSAPP_PHONE_NUMBER_ID=${PHONE_NUMBER_ID}`,
        `WHATSAPP_ACCESS_TOKEN=${token}`,
        `WHATSAPP_WEBHOOK_PORT=${port}`,
        `GRAPH_API_BASE_URL=${graphServer.url}/v26.0`,
        "",
      ].join("\n");
    await writeFile(path.join(folder, ".env"), dotenv("EAAG-expired-token"));
    const env = cleanEnv();
    expect((await runCli(["init"], { env, cwd: folder })).code).toBe(0);
    const daemon = await startDaemon([], env, folder);
    try {
      const body = JSON.stringify(
        notification([
          textMessageValue(ANA, {
            phoneNumberId: PHONE_NUMBER_ID,
            id: "wamid.PAUSE1",
            text: "Hi, how much is website maintenance?",
          }),
        ]),
      );
      const answer = await fetch(`http://127.0.0.1:${port}/webhooks/whatsapp`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signWebhookBody(body, APP_SECRET),
        },
        body,
      });
      expect(answer.status).toBe(200);
      const [request] = await eventually(
        async () => {
          const pending = await list(vault, "Pending_Approval");
          return pending.length === 1 ? pending : undefined;
        },
        20_000,
        "the reply waiting for approval",
      );
      const id = String(frontMatter(await read(vault, `Pending_Approval/${request}`)).id);
      expect((await runCli(["approve", id], { env, cwd: folder })).code).toBe(0);

      await eventually(
        async () =>
          (await list(vault, "Alerts")).some((name) => name.includes("whatsapp-integration-was-refused"))
            ? true
            : undefined,
        20_000,
        "the alert",
      );
      expect(await list(vault, "Approved")).toEqual([request]);
      expect(String(frontMatter(await read(vault, `Approved/${request}`)).last_error)).not.toContain(
        "EAAG-expired-token",
      );
      expect(whatsapp.sent).toHaveLength(0);

      await writeFile(path.join(folder, ".env"), dotenv(ACCESS_TOKEN));
      await eventually(
        async () => (whatsapp.sent.length === 1 ? true : undefined),
        30_000,
        "the message after the restart",
      );
      await eventually(
        async () => ((await list(vault, "Approved")).length === 0 ? true : undefined),
        10_000,
        "the approval closed",
      );
      expect(daemon.output()).toMatch(/configuration \(\.env\) changed/);
      expect(whatsapp.sent).toHaveLength(1);
    } finally {
      daemon.kill("SIGTERM");
    }
  });
});
