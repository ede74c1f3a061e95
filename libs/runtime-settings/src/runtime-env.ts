import { LOG_LEVELS, type LogLevel } from "@connect-mesh/telemetry";
import { z } from "zod";

/** A comma-separated list, its items trimmed and empty ones dropped. */
const commaList = z.string().transform((text) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

/**
 * The environment variables every runtime process of a cluster reads alike (the coordinator and the
 * worker): where etcd and Kafka are, the cluster's name, the lease TTL, the offsets topic, topic tracking,
 * the metrics port and the log level. Each service extends it with its own.
 */
export const RuntimeEnv = z.object({
  CONNECT_MESH_ETCD_ENDPOINTS: commaList
    .default(["http://127.0.0.1:2379"])
    .describe("Comma-separated etcd client URLs"),
  CONNECT_MESH_KAFKA_BOOTSTRAP: commaList
    .default(["127.0.0.1:9092"])
    .describe("Comma-separated Kafka bootstrap servers"),
  CONNECT_MESH_CLUSTER: z.string().min(1).default("local").describe("Cluster name; the etcd key prefix"),
  CONNECT_MESH_LEASE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(2)
    .default(10)
    .describe("Lease TTL: how long a dead worker keeps its tasks, and a dead leader its leadership"),
  CONNECT_MESH_OFFSETS_TOPIC: z
    .string()
    .min(1)
    .default("connect-mesh-offsets")
    .describe("Compacted topic of source offsets"),
  CONNECT_MESH_TOPIC_TRACKING_ENABLE: z
    .stringbool()
    .default(true)
    .describe("Connect's topic.tracking.enable: record the topics each connector uses, and answer for them"),
  CONNECT_MESH_METRICS_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(0)
    .describe("Port of Prometheus /metrics on 127.0.0.1; 0 takes any free port (the registry says which)"),
  CONNECT_MESH_LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
});

/** The shared settings, parsed. */
export interface RuntimeSettings {
  readonly etcdEndpoints: readonly string[];
  readonly kafkaBrokers: readonly string[];
  readonly cluster: string;
  readonly leaseTtlSeconds: number;
  readonly offsetsTopic: string;
  readonly topicTrackingEnabled: boolean;
  readonly metricsPort: number;
  readonly logLevel: LogLevel;
}

/**
 * Parses `env` with `schema` (RuntimeEnv, or RuntimeEnv extended with a service's own variables); a bad
 * value is an error naming each variable at fault, for the process to stop with.
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  env: NodeJS.ProcessEnv,
  service: string,
): z.output<Schema> {
  const result = schema.safeParse(env);
  if (!result.success) throw new Error(`invalid ${service} settings:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** The shared settings out of a parse of RuntimeEnv (or of a schema that extends it). */
export function runtimeSettingsOf(parsed: z.output<typeof RuntimeEnv>): RuntimeSettings {
  return {
    etcdEndpoints: parsed.CONNECT_MESH_ETCD_ENDPOINTS,
    kafkaBrokers: parsed.CONNECT_MESH_KAFKA_BOOTSTRAP,
    cluster: parsed.CONNECT_MESH_CLUSTER,
    leaseTtlSeconds: parsed.CONNECT_MESH_LEASE_TTL_SECONDS,
    offsetsTopic: parsed.CONNECT_MESH_OFFSETS_TOPIC,
    topicTrackingEnabled: parsed.CONNECT_MESH_TOPIC_TRACKING_ENABLE,
    metricsPort: parsed.CONNECT_MESH_METRICS_PORT,
    logLevel: parsed.CONNECT_MESH_LOG_LEVEL,
  };
}
