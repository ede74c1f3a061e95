/**
 * The TypeScript connector SDK. A connector author defines plugins (their config, how they plan tasks,
 * and how a task reads or writes) and calls `startConnectorServer`; the SDK serves the contract around
 * them: Describe, Validate and Plan, the credit-based Read stream, the Write stream with ordered acks and
 * flushes, gRPC health and server reflection.
 */

// Stopping a connector service cleanly on SIGTERM or SIGINT, and waiting in a way a stop cuts short.
export { sleep, stopOnSignals } from "@connect-mesh/async";
// Kafka Connect's logical types (Decimal, Date, Time, Timestamp) on the contract's Schema and Value.
export { DataError, LogicalDate, LogicalDecimal, LogicalTime, LogicalTimestamp } from "@connect-mesh/data";
// Telemetry, set up once in a service's main.ts: traces, logs, /metrics (see @connect-mesh/telemetry).
export {
  createMetricsRegistry,
  isLogLevel,
  LOG_LEVELS,
  LoggerFactory,
  type LogLevel,
  type MetricsServer,
  startMetricsServer,
  startTelemetry,
  type Telemetry,
  type TelemetryConfig,
  telemetryConfigFromEnv,
} from "@connect-mesh/telemetry";
// Config definitions, parsing and validation.
export type {
  AnyConfigKey,
  CamelCaseKey,
  ConfigKey,
  ConfigKeyType,
  ConfigMap,
  ConfigSpec,
  ConfigValueTypes,
  ParsedConfig,
} from "./config-spec.js";
export { defineConfig } from "./config-spec.js";
export { allowedValue, validators } from "./config-validators.js";
// Running a connector service.
export {
  type ConnectorServer,
  type ConnectorServerOptions,
  type StopOptions,
  startConnectorServer,
} from "./connector-server.js";
// Errors.
export {
  ConfigError,
  type ConfigProblem,
  FatalError,
  PluginError,
  RetriableError,
  toPluginError,
} from "./errors.js";
// Logging and plain values.
export { type Logger, silentLogger } from "./logger.js";
// Joining the mesh's service registry.
export { type MeshRegistration, type MeshRegistrationOptions, registerInMesh } from "./mesh-registration.js";
export { fromValue, type PlainMap, type PlainValue, toValue } from "./plain-value.js";
// Plugins, tasks and source records.
export type {
  ConnectorPlugin,
  PartitionsChange,
  PlanContext,
  PluginBase,
  SinkPlugin,
  SinkTask,
  SinkTaskContext,
  SourceCommit,
  SourcePlugin,
  SourcePosition,
  SourceTaskContext,
  TaskContext,
  ValidateContext,
} from "./plugin.js";
export { defineSinkPlugin, defineSourcePlugin } from "./plugin.js";
// Running a whole connector service (what a service's main.ts does), and its settings from its environment.
export { type ConnectorServiceOptions, runConnectorService } from "./run-connector-service.js";
export {
  type ConnectorServiceSettings,
  connectorServiceSettingsFromEnv,
  nonEmptyVariable,
  type ServiceNames,
} from "./service-settings.js";
// Naming where a sink record came from, in a sink's messages.
export { sinkRecordOrigin } from "./sink-record-origin.js";
export { type SourceRecordInit, sourceRecord } from "./source-record.js";
