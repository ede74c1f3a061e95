import {
  isLogLevel,
  LOG_LEVELS,
  type LogLevel,
  type TelemetryConfig,
  telemetryConfigFromEnv,
} from "@connect-mesh/telemetry";
import { FatalError } from "./errors.js";

/** What every TypeScript connector service reads from its environment to start and join the mesh. */
export interface ConnectorServiceSettings {
  /** The interface the gRPC server listens on. */
  readonly host: string;
  /** The gRPC port; 0 takes any free port. */
  readonly port: number;
  /** Where Prometheus `/metrics` is served (on `host`); 0 takes any free port, advertised in the registry. */
  readonly metricsPort: number;
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

/** Names that differ from one connector service to the next. */
export interface ServiceNames {
  /** The service's name in logs and spans, e.g. "connector-file". */
  readonly service: string;
  /** The prefix of its own host and port variables, e.g. "CONNECT_MESH_FILE_CONNECTOR" (…_HOST, …_PORT). */
  readonly variablePrefix: string;
  /** The default instance id is `<instancePrefix>-<pid>`, e.g. "file". */
  readonly instancePrefix: string;
}

/**
 * A connector service's settings from the environment: `<prefix>_PORT` (default 0: any free port),
 * `<prefix>_HOST` (default 127.0.0.1), CONNECT_MESH_METRICS_PORT (`/metrics`; default 0: any free port),
 * CONNECT_MESH_LOG_LEVEL (default info), CONNECT_MESH_ETCD_ENDPOINTS (comma-separated, default
 * http://127.0.0.1:2379), CONNECT_MESH_CLUSTER (default local), CONNECT_MESH_INSTANCE_ID (default
 * `<instancePrefix>-<pid>`) and OpenTelemetry's OTEL_EXPORTER_OTLP_ENDPOINT (unset: no tracing). A bad value
 * throws, naming the variable. Call it only from a service's config module.
 */
export function connectorServiceSettingsFromEnv(
  env: NodeJS.ProcessEnv,
  names: ServiceNames,
): ConnectorServiceSettings {
  const logLevel = nonEmptyVariable(env.CONNECT_MESH_LOG_LEVEL) ?? "info";
  if (!isLogLevel(logLevel)) {
    throw new FatalError(`CONNECT_MESH_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${logLevel}"`);
  }
  const instanceId =
    nonEmptyVariable(env.CONNECT_MESH_INSTANCE_ID) ?? `${names.instancePrefix}-${process.pid}`;
  return {
    host: nonEmptyVariable(env[`${names.variablePrefix}_HOST`]) ?? "127.0.0.1",
    port: portFrom(env, `${names.variablePrefix}_PORT`),
    metricsPort: portFrom(env, "CONNECT_MESH_METRICS_PORT"),
    logLevel,
    etcdEndpoints: (nonEmptyVariable(env.CONNECT_MESH_ETCD_ENDPOINTS) ?? "http://127.0.0.1:2379")
      .split(",")
      .map((endpoint) => endpoint.trim())
      .filter(Boolean),
    cluster: nonEmptyVariable(env.CONNECT_MESH_CLUSTER) ?? "local",
    instanceId,
    telemetry: telemetryConfigFromEnv(env, { serviceName: names.service, instanceId }),
  };
}

function portFrom(env: NodeJS.ProcessEnv, name: string): number {
  const text = env[name];
  if (nonEmptyVariable(text) === undefined) return 0;
  const port = /^\d+$/.test(text ?? "") ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new FatalError(`${name} must be a TCP port from 0 to 65535, not "${text}"`);
  }
  return port;
}

/** The variable's text, or undefined when it is unset or blank. */
export function nonEmptyVariable(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : text;
}
