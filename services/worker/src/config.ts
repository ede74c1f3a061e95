import { hostname } from "node:os";
import {
  LOG_LEVELS,
  type LogLevel,
  type TelemetryConfig,
  telemetryConfigFromEnv,
} from "@connect-mesh/telemetry";
import { z } from "zod";

/** The worker's settings, from the environment; the only module that reads it. */
const WorkerEnv = z.object({
  CONNECT_MESH_WORKER_ID: z
    .string()
    .min(1)
    .optional()
    .describe("This worker's id; keep it stable across restarts"),
  CONNECT_MESH_ETCD_ENDPOINTS: z
    .string()
    .default("http://127.0.0.1:2379")
    .describe("Comma-separated etcd client URLs"),
  CONNECT_MESH_KAFKA_BOOTSTRAP: z
    .string()
    .default("127.0.0.1:9092")
    .describe("Comma-separated Kafka bootstrap servers"),
  CONNECT_MESH_CLUSTER: z.string().min(1).default("local").describe("Cluster name; the etcd key prefix"),
  CONNECT_MESH_LEASE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(2)
    .default(10)
    .describe("How long a dead worker keeps its tasks"),
  CONNECT_MESH_OFFSETS_TOPIC: z
    .string()
    .min(1)
    .default("connect-mesh-offsets")
    .describe("Compacted topic of source offsets"),
  CONNECT_MESH_TOPIC_TRACKING_ENABLE: z
    .stringbool()
    .default(true)
    .describe("Connect's topic.tracking.enable: record the topics each connector uses"),
  CONNECT_MESH_OFFSET_FLUSH_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(50)
    .describe(
      "Connect's offset.flush.interval.ms: the least time between two offset commits of a task " +
        "(one with 1,000 records waiting for a commit, or stopping, commits at once)",
    ),
  CONNECT_MESH_METRICS_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(0)
    .describe("Port of Prometheus /metrics on 127.0.0.1; 0 takes any free port (the registry says which)"),
  CONNECT_MESH_LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
});

/** Parsed settings. */
export interface WorkerSettings {
  readonly workerId: string;
  readonly etcdEndpoints: readonly string[];
  readonly kafkaBrokers: readonly string[];
  readonly cluster: string;
  readonly leaseTtlSeconds: number;
  readonly offsetsTopic: string;
  readonly topicTrackingEnabled: boolean;
  readonly offsetFlushIntervalMs: number;
  readonly metricsPort: number;
  /** Where spans go, if anywhere (OpenTelemetry's OTEL_EXPORTER_OTLP_ENDPOINT), and who this process is in them. */
  readonly telemetry: TelemetryConfig;
  readonly logLevel: LogLevel;
}

/** Reads the settings once at start-up; a bad value stops the process with a message naming the variable. */
export function workerSettingsFrom(env: NodeJS.ProcessEnv): WorkerSettings {
  const parsed = WorkerEnv.safeParse(env);
  if (!parsed.success) throw new Error(`invalid worker settings:\n${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  const list = (text: string) =>
    text
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const workerId = c.CONNECT_MESH_WORKER_ID ?? `${hostname()}-${process.pid}`;
  return {
    workerId,
    etcdEndpoints: list(c.CONNECT_MESH_ETCD_ENDPOINTS),
    kafkaBrokers: list(c.CONNECT_MESH_KAFKA_BOOTSTRAP),
    cluster: c.CONNECT_MESH_CLUSTER,
    leaseTtlSeconds: c.CONNECT_MESH_LEASE_TTL_SECONDS,
    offsetsTopic: c.CONNECT_MESH_OFFSETS_TOPIC,
    topicTrackingEnabled: c.CONNECT_MESH_TOPIC_TRACKING_ENABLE,
    offsetFlushIntervalMs: c.CONNECT_MESH_OFFSET_FLUSH_INTERVAL_MS,
    metricsPort: c.CONNECT_MESH_METRICS_PORT,
    telemetry: telemetryConfigFromEnv(env, { serviceName: "worker", instanceId: workerId }),
    logLevel: c.CONNECT_MESH_LOG_LEVEL,
  };
}
