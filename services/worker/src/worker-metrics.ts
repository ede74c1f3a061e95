import { ConnectMetrics, createMetricsRegistry } from "@connect-mesh/telemetry";

/**
 * The worker's one Prometheus registry (Node's process metrics included), which main.ts serves on
 * `/metrics`. One per process, so every task's series land in the same place whoever records them.
 */
export const workerMetricsRegistry = createMetricsRegistry();

/** Kafka Connect's task metrics for every task this worker runs (see @connect-mesh/telemetry's README). */
export const workerMetrics = new ConnectMetrics(workerMetricsRegistry);
