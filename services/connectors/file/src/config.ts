import { resolve } from "node:path";
import {
  FatalError,
  isLogLevel,
  LOG_LEVELS,
  type LogLevel,
  type TelemetryConfig,
  telemetryConfigFromEnv,
} from "@connect-mesh/connector-sdk";

/** The file connector service's settings. */
export interface FileServiceConfig {
  /** The interface the gRPC server listens on. */
  readonly host: string;
  /** The gRPC port; 0 takes any free port. */
  readonly port: number;
  /** Where Prometheus `/metrics` is served (on `host`); 0 takes any free port, advertised in the registry. */
  readonly metricsPort: number;
  /** The directory a relative `file` in a connector config resolves against. */
  readonly baseDir: string;
  /** The root logger's level. */
  readonly logLevel: LogLevel;
  /** The mesh's etcd, where the service registers. */
  readonly etcdEndpoints: readonly string[];
  /** The cluster's name. */
  readonly cluster: string;
  /** This instance's id in the service registry. */
  readonly instanceId: string;
  /** Where spans go, if anywhere (OTEL_EXPORTER_OTLP_ENDPOINT), and who this service is in them. */
  readonly telemetry: TelemetryConfig;
}

/**
 * The settings from the environment; the only module that reads it:
 * CONNECT_MESH_FILE_CONNECTOR_PORT (default 0: any free port), CONNECT_MESH_METRICS_PORT
 * (`/metrics`; default 0: any free port), CONNECT_MESH_FILE_CONNECTOR_HOST (default 127.0.0.1), CONNECT_MESH_BASE_DIR (the directory `cmesh up` ran in; default the working
 * directory), CONNECT_MESH_LOG_LEVEL (default info), CONNECT_MESH_ETCD_ENDPOINTS (comma-separated, default
 * http://127.0.0.1:2379), CONNECT_MESH_CLUSTER (default local), CONNECT_MESH_INSTANCE_ID (default
 * file-<pid>) and OpenTelemetry's OTEL_EXPORTER_OTLP_ENDPOINT (unset: no tracing). A bad value throws,
 * naming the variable.
 */
export function fileServiceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): FileServiceConfig {
  const logLevel = nonEmpty(env.CONNECT_MESH_LOG_LEVEL) ?? "info";
  if (!isLogLevel(logLevel)) {
    throw new FatalError(`CONNECT_MESH_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${logLevel}"`);
  }
  const instanceId = nonEmpty(env.CONNECT_MESH_INSTANCE_ID) ?? `file-${process.pid}`;
  return {
    host: nonEmpty(env.CONNECT_MESH_FILE_CONNECTOR_HOST) ?? "127.0.0.1",
    port: portFrom(env, "CONNECT_MESH_FILE_CONNECTOR_PORT"),
    metricsPort: portFrom(env, "CONNECT_MESH_METRICS_PORT"),
    baseDir: resolve(nonEmpty(env.CONNECT_MESH_BASE_DIR) ?? process.cwd()),
    logLevel,
    etcdEndpoints: (nonEmpty(env.CONNECT_MESH_ETCD_ENDPOINTS) ?? "http://127.0.0.1:2379")
      .split(",")
      .map((endpoint) => endpoint.trim())
      .filter(Boolean),
    cluster: nonEmpty(env.CONNECT_MESH_CLUSTER) ?? "local",
    instanceId,
    telemetry: telemetryConfigFromEnv(env, { serviceName: "connector-file", instanceId }),
  };
}

function portFrom(env: NodeJS.ProcessEnv, name: string): number {
  const text = env[name];
  if (nonEmpty(text) === undefined) return 0;
  const port = /^\d+$/.test(text ?? "") ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new FatalError(`${name} must be a TCP port from 0 to 65535, not "${text}"`);
  }
  return port;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : text;
}
