import { collectDefaultMetrics, Registry } from "prom-client";

/**
 * The process's Prometheus registry: make one in main.ts, hand it to `ConnectMetrics` and to
 * `startMetricsServer`. It starts with Node's process metrics (CPU, memory, event-loop delay, GC), which
 * are what tells a slow worker from a slow connector.
 */
export function createMetricsRegistry(options: { readonly processMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
