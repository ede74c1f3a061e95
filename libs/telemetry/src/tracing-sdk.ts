import { context, propagation, trace } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { defaultResource, hostDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { BatchSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { setActiveTracer } from "./internal/active-tracer.js";
import { scopedContexts } from "./internal/scoped-context-manager.js";
import { RecordSampler } from "./record-sampler.js";
import { type TelemetryConfig, TRACER_NAME, tracesUrlOf } from "./telemetry-config.js";

/** `service.instance.id`, spelled out: the stable semantic conventions do not export it yet. */
const ATTR_SERVICE_INSTANCE_ID = "service.instance.id";
/**
 * A batch span links to every sampled record it carries; OpenTelemetry keeps 128 links by default, fewer
 * than a batch holds. Links past this are dropped by the SDK (and counted on the span).
 */
const MAX_LINKS_PER_SPAN = 4_096;
/**
 * Spans wait at most a second before export, so a trace shows up while someone is looking for it; the
 * queue holds a few full batches of records at 100% sampling before the SDK starts dropping spans.
 */
const EXPORT_DELAY_MS = 1_000;
const MAX_QUEUED_SPANS = 8_192;
const MAX_SPANS_PER_EXPORT = 1_024;

/** The running OpenTelemetry SDK of a process with tracing on. */
export interface TracingSdk {
  forceFlush(): Promise<void>;
  /** Flushes what is left, stops, and unregisters the globals. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK: an OTLP HTTP/protobuf exporter to the configured endpoint (or `exporter`),
 * `service.name` and `service.instance.id` on every span, W3C trace context, the record sampler, and a
 * context manager that makes a context active across awaits only where asked (ScopedContextManager), so
 * log lines find the active span without slowing every await of the process. This module is loaded only
 * when tracing is on: the SDK and its exporters take about 50 MB of a process's memory just by being loaded.
 */
export function startTracingSdk(config: TelemetryConfig, exporter: SpanExporter | undefined): TracingSdk {
  const processor = new BatchSpanProcessor({
    exporter: exporter ?? new OTLPTraceExporter({ url: tracesUrlOf(config.otlpEndpoint ?? "") }),
    scheduledDelayMillis: EXPORT_DELAY_MS,
    maxQueueSize: MAX_QUEUED_SPANS,
    maxExportBatchSize: MAX_SPANS_PER_EXPORT,
  });
  const sdk = new NodeSDK({
    resource: defaultResource().merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: config.serviceName,
        [ATTR_SERVICE_INSTANCE_ID]: config.instanceId,
      }),
    ),
    // Only the host: the environment is read by the service's config, and process detection would
    // put every command-line argument on every span.
    resourceDetectors: [hostDetector],
    spanProcessors: [processor],
    sampler: new RecordSampler(),
    contextManager: scopedContexts,
    spanLimits: { linkCountLimit: MAX_LINKS_PER_SPAN },
    textMapPropagator: new W3CTraceContextPropagator(),
    instrumentations: [],
    // Metrics are Prometheus's (see createMetricsRegistry) and logs are pino's: no OTLP exporters for them.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  setActiveTracer(trace.getTracer(TRACER_NAME));
  return {
    forceFlush: () => processor.forceFlush(),
    shutdown: async () => {
      setActiveTracer(undefined);
      try {
        await sdk.shutdown();
      } finally {
        // Unregister the globals, so the process can start telemetry again (tests do) and nothing
        // records into a provider that has stopped.
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  };
}
