import { setTimeout as delay } from "node:timers/promises";
import { PluginCatalog } from "@connect-mesh/cluster-state";
import type { ServiceRegistry } from "@connect-mesh/coordination";

/** How long to wait before following the registry again after losing it. */
const RETRY_DELAY_MS = 1_000;

/** The service type connector services register under. */
export const CONNECTOR_SERVICE_TYPE = "connector";

/**
 * Keeps an up-to-date PluginCatalog from the service registry's watch, so that requests and the leader
 * read it from memory. `changes` lets the leader react when a service comes or goes.
 */
export class PluginCatalogWatcher {
  private latest = new PluginCatalog([]);
  private readonly listeners = new Set<() => void>();
  private isReady = false;
  private readonly ready: Promise<void>;

  constructor(registry: ServiceRegistry, signal: AbortSignal, onError: (error: unknown) => void) {
    let markReady: () => void = () => {};
    this.ready = new Promise((resolve) => {
      markReady = resolve;
    });
    this.follow(registry, signal, markReady, onError).catch(onError);
  }

  /** Follows the registry until `signal` aborts; a lost connection is reported and retried, not fatal. */
  private async follow(
    registry: ServiceRegistry,
    signal: AbortSignal,
    markReady: () => void,
    onError: (error: unknown) => void,
  ): Promise<void> {
    while (!signal.aborted) {
      try {
        for await (const instances of registry.watch(CONNECTOR_SERVICE_TYPE, signal)) {
          this.latest = new PluginCatalog(instances);
          this.isReady = true;
          markReady();
          for (const listener of this.listeners) listener();
        }
      } catch (error) {
        if (signal.aborted) return;
        onError(error);
        await delay(RETRY_DELAY_MS, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /** The catalog as of the last registry change; waits for the first listing after start-up. */
  async current(): Promise<PluginCatalog> {
    if (!this.isReady) await this.ready;
    return this.latest;
  }

  /** Calls `listener` after every change; returns a function that stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
