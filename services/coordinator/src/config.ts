import { hostname } from "node:os";
import {
  LOG_LEVELS,
  type LogLevel,
  type TelemetryConfig,
  telemetryConfigFromEnv,
} from "@connect-mesh/telemetry";
import { z } from "zod";

/** The coordinator's settings, from the environment; the only module that reads it. */
export const CoordinatorConfig = z.object({
  CONNECT_MESH_REST_HOST: z.string().default("127.0.0.1").describe("Address the REST API binds to"),
  CONNECT_MESH_REST_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(8083)
    .describe("REST API port (Connect's 8083)"),
  CONNECT_MESH_ETCD_ENDPOINTS: z
    .string()
    .default("http://127.0.0.1:2379")
    .describe("Comma-separated etcd client URLs")
    .transform((text) =>
      text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  CONNECT_MESH_KAFKA_BOOTSTRAP: z.string().default("127.0.0.1:9092").describe("Kafka bootstrap servers"),
  CONNECT_MESH_OFFSETS_TOPIC: z
    .string()
    .min(1)
    .default("connect-mesh-offsets")
    .describe("Compacted topic of source offsets"),
  CONNECT_MESH_CLUSTER: z.string().min(1).default("local").describe("Cluster name; the etcd key prefix"),
  CONNECT_MESH_COORDINATOR_ID: z.string().optional().describe("This instance's id (default host:port)"),
  CONNECT_MESH_LEASE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(2)
    .default(10)
    .describe("Lease TTL: how long a dead leader keeps leadership"),
  CONNECT_MESH_SCHEDULED_REBALANCE_MAX_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(300_000)
    .describe("Connect's scheduled.rebalance.max.delay.ms: how long a departed worker's tasks wait for it"),
  CONNECT_MESH_TOPIC_TRACKING_ENABLE: z
    .stringbool()
    .default(true)
    .describe("Connect's topic.tracking.enable: whether GET /connectors/{name}/topics answers"),
  CONNECT_MESH_TOPIC_TRACKING_ALLOW_RESET: z
    .stringbool()
    .default(true)
    .describe("Connect's topic.tracking.allow.reset: whether PUT /connectors/{name}/topics/reset is allowed"),
  CONNECT_MESH_METRICS_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(0)
    .describe("Port of Prometheus /metrics on 127.0.0.1; 0 takes any free port (the registry says which)"),
  CONNECT_MESH_LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
});

/** Parsed settings, with the instance id filled in. */
export interface CoordinatorSettings {
  readonly restHost: string;
  readonly restPort: number;
  readonly etcdEndpoints: readonly string[];
  readonly kafkaBootstrap: string;
  readonly offsetsTopic: string;
  readonly cluster: string;
  readonly coordinatorId: string;
  readonly leaseTtlSeconds: number;
  readonly rebalanceDelayMs: number;
  readonly topicTracking: { readonly enabled: boolean; readonly allowReset: boolean };
  readonly metricsPort: number;
  /** Where spans go, if anywhere (OpenTelemetry's OTEL_EXPORTER_OTLP_ENDPOINT), and who this process is in them. */
  readonly telemetry: TelemetryConfig;
  readonly logLevel: LogLevel;
}

/** Reads the settings once at start-up; a bad value stops the process with a message naming the variable. */
export function coordinatorSettingsFrom(env: NodeJS.ProcessEnv): CoordinatorSettings {
  const parsed = CoordinatorConfig.safeParse(env);
  if (!parsed.success) throw new Error(`invalid coordinator settings:\n${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  const coordinatorId = c.CONNECT_MESH_COORDINATOR_ID ?? `${hostname()}:${c.CONNECT_MESH_REST_PORT}`;
  return {
    restHost: c.CONNECT_MESH_REST_HOST,
    restPort: c.CONNECT_MESH_REST_PORT,
    etcdEndpoints: c.CONNECT_MESH_ETCD_ENDPOINTS,
    kafkaBootstrap: c.CONNECT_MESH_KAFKA_BOOTSTRAP,
    offsetsTopic: c.CONNECT_MESH_OFFSETS_TOPIC,
    cluster: c.CONNECT_MESH_CLUSTER,
    coordinatorId,
    leaseTtlSeconds: c.CONNECT_MESH_LEASE_TTL_SECONDS,
    rebalanceDelayMs: c.CONNECT_MESH_SCHEDULED_REBALANCE_MAX_DELAY_MS,
    topicTracking: {
      enabled: c.CONNECT_MESH_TOPIC_TRACKING_ENABLE,
      allowReset: c.CONNECT_MESH_TOPIC_TRACKING_ALLOW_RESET,
    },
    metricsPort: c.CONNECT_MESH_METRICS_PORT,
    telemetry: telemetryConfigFromEnv(env, { serviceName: "coordinator", instanceId: coordinatorId }),
    logLevel: c.CONNECT_MESH_LOG_LEVEL,
  };
}
