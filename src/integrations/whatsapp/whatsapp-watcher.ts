/**
 * @module WhatsApp as a push-only `Watcher`: `listen(signal)` serves the webhook app with
 * @hono/node-server on WHATSAPP_WEBHOOK_PORT until the signal aborts, then stops taking requests and
 * waits for accepted deliveries to be stored. There is nothing to poll: Meta pushes every message.
 */
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { SystemError } from "../../governance/errors/system-error.js";
import type { Watcher } from "../watcher.js";
import type { WhatsAppWebhook } from "./whatsapp-webhook.js";

export interface WhatsAppWatcherDeps {
  webhook: WhatsAppWebhook;
  port: number;
  /**
   * Loopback by default: Meta reaches the webhook through an HTTPS tunnel or reverse proxy on this
   * machine. Bind a wider address only behind a proxy that terminates TLS.
   */
  hostname?: string;
  /** Called once the server listens (the actual port when `port` is 0). */
  onListening?: (address: { hostname: string; port: number }) => void;
}

export function createWhatsAppWatcher(deps: WhatsAppWatcherDeps): Watcher {
  const hostname = deps.hostname ?? "127.0.0.1";
  return {
    name: "whatsapp",
    pollIntervalSeconds: undefined,
    async poll() {
      return 0;
    },
    async listen(signal) {
      if (signal.aborted) return;
      await new Promise<void>((resolve, reject) => {
        const server = serve(
          { fetch: deps.webhook.app.fetch, port: deps.port, hostname },
          (info: AddressInfo) => {
            deps.onListening?.({ hostname, port: info.port });
          },
        );
        server.once("error", (error: NodeJS.ErrnoException) => {
          signal.removeEventListener("abort", stop);
          reject(
            new SystemError(
              `The WhatsApp webhook could not listen on ${hostname}:${deps.port} (${error.code ?? error.message}); free the port or set WHATSAPP_WEBHOOK_PORT.`,
              { cause: error },
            ),
          );
        });
        function stop(): void {
          server.close(() => resolve());
          // Meta keeps connections open; without this close() would wait for them to time out.
          if ("closeIdleConnections" in server) server.closeIdleConnections();
        }
        signal.addEventListener("abort", stop, { once: true });
      });
      await deps.webhook.drain();
    },
  };
}
