/**
 * @module Health per component (last success, last error, consecutive failures), shown on the dashboard
 * and by `ai-employee status`, and a heartbeat file an outside watchdog (systemd, pm2) can check.
 */
import path from "node:path";
import { writeFileAtomic } from "../vault/atomic-write.js";
import { INTERNAL_FOLDER } from "../vault/folders.js";

export type ComponentState = "ok" | "degraded" | "down" | "paused" | "disabled";

export interface ComponentHealth {
  name: string;
  state: ComponentState;
  detail: string;
  lastSuccess: string | null;
  lastError: string | null;
  consecutiveFailures: number;
}

export interface Health {
  success(name: string, detail?: string): void;
  failure(name: string, error: string): void;
  set(name: string, state: ComponentState, detail: string): void;
  snapshot(): ComponentHealth[];
  /** Writes `.ai-employee/health.json` (the heartbeat): pid, time and every component. */
  beat(): Promise<void>;
}

/** Failures in a row after which a component counts as down rather than degraded. */
const DOWN_AFTER = 3;

export function healthFile(vaultRoot: string): string {
  return path.join(vaultRoot, INTERNAL_FOLDER, "health.json");
}

export function createHealth(vaultRoot: string, now: () => Date): Health {
  const components = new Map<string, ComponentHealth>();
  function get(name: string): ComponentHealth {
    let component = components.get(name);
    if (!component) {
      component = {
        name,
        state: "ok",
        detail: "",
        lastSuccess: null,
        lastError: null,
        consecutiveFailures: 0,
      };
      components.set(name, component);
    }
    return component;
  }
  return {
    success(name, detail) {
      const component = get(name);
      component.state = "ok";
      component.lastSuccess = now().toISOString();
      component.consecutiveFailures = 0;
      if (detail !== undefined) component.detail = detail;
    },
    failure(name, error) {
      const component = get(name);
      component.consecutiveFailures += 1;
      component.lastError = `${now().toISOString()} ${error}`;
      component.state = component.consecutiveFailures >= DOWN_AFTER ? "down" : "degraded";
    },
    set(name, state, detail) {
      const component = get(name);
      component.state = state;
      component.detail = detail;
    },
    snapshot: () => [...components.values()].map((component) => ({ ...component })),
    async beat() {
      await writeFileAtomic(
        healthFile(vaultRoot),
        JSON.stringify(
          { pid: process.pid, at: now().toISOString(), components: [...components.values()] },
          null,
          2,
        ),
      );
    },
  };
}
