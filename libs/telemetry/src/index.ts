/**
 * Telemetry for every connect-mesh process, set up once in main.ts: OpenTelemetry traces (one trace per
 * record, sampled per connector, failures always traced), pino logs (trace ids, secrets hidden, levels
 * changeable at runtime) and Prometheus metrics under Kafka Connect's names. See README.md.
 *
 * - Setting up and shutting down: start-telemetry (tracing-sdk, loaded only with tracing on), telemetry-config.
 * - Spans of a record's hops and of batches, and the failure rule: hop-span, task-tracer, record-sampler,
 *   sampling-ratio, span-attributes.
 * - Carrying the trace context across processes: trace-carriers (unsampled-record, carried-trace).
 * - Logs: logger-factory (named loggers and their levels come from @connect-mesh/logging), secret-redaction.
 * - Metrics: connect-metrics, metrics-registry, metrics-server.
 */

export { type Context, SpanKind } from "@opentelemetry/api";
export { ConnectMetrics, SinkTaskMetrics, SourceTaskMetrics, TaskMetrics } from "./connect-metrics.js";
export {
  type BatchSpanOptions,
  HopSpan,
  isTracing,
  type RecordSpanOptions,
  runWithContext,
  SAMPLED_ON_ERROR_ATTRIBUTE,
  startBatchSpan,
  startRecordSpan,
} from "./hop-span.js";
export { isLogLevel, LOG_LEVELS, type LogLevel } from "./log-level-names.js";
export {
  type Logger,
  LoggerFactory,
  type LoggerFactoryOptions,
  type TaskLoggerBindings,
} from "./logger-factory.js";
export { createMetricsRegistry } from "./metrics-registry.js";
export { type MetricsServer, type MetricsServerOptions, startMetricsServer } from "./metrics-server.js";
export { isSampledByRatio, RecordSampler } from "./record-sampler.js";
export {
  DEFAULT_SAMPLING_RATIO,
  InvalidSamplingRatioError,
  SAMPLING_RATIO_KEY,
  samplingRatioFrom,
} from "./sampling-ratio.js";
export { REDACTED, secretConfigPaths } from "./secret-redaction.js";
export {
  batchSpanAttributes,
  type Hop,
  type KafkaRecordPosition,
  kafkaRecordAttributes,
  recordSpanAttributes,
  SpanAttributes,
  SpanNames,
  type TaskIdentity,
  taskAttributes,
} from "./span-attributes.js";
export { startTelemetry, type Telemetry, type TelemetryOverrides } from "./start-telemetry.js";
export { TaskTracer } from "./task-tracer.js";
export {
  type TelemetryConfig,
  TRACER_NAME,
  telemetryConfigFromEnv,
  tracesUrlOf,
} from "./telemetry-config.js";
export {
  extractGrpcMetadata,
  extractKafkaHeaders,
  fromRecordTrace,
  injectGrpcMetadata,
  injectKafkaHeaders,
  type KafkaHeaders,
  type MetadataCarrier,
  type RecordTrace,
  TRACE_HEADER_KEYS,
  toRecordTrace,
} from "./trace-carriers.js";
