import { ConnectMetrics, createMetricsRegistry } from "@connect-mesh/telemetry";

/** The worker process's metrics: one registry, and Kafka Connect's task metrics registered in it. */
export interface WorkerMetrics {
  /** What a `/metrics` server serves (`startMetricsServer({ registry, port })`). */
  readonly registry: ReturnType<typeof createMetricsRegistry>;
  /** Each task takes its bound view (`sourceTask` / `sinkTask`); a stopped task's series are removed. */
  readonly connect: ConnectMetrics;
}

/** Creates the process's metrics; main.ts calls it once. */
export function createWorkerMetrics(): WorkerMetrics {
  const registry = createMetricsRegistry();
  return { registry, connect: new ConnectMetrics(registry) };
}
