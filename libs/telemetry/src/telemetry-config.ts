/** The tracer's name: the instrumentation scope every connect-mesh span is reported under. */
export const TRACER_NAME = "connect-mesh";

/** What a process needs to set telemetry up. */
export interface TelemetryConfig {
  /** `service.name`: which kind of process this is ("worker", "connector-file"). */
  readonly serviceName: string;
  /** `service.instance.id`: which one of its kind ("worker-1", "file-1"). */
  readonly instanceId: string;
  /**
   * The OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT, e.g. http://127.0.0.1:4318); spans go to its
   * `/v1/traces`. Undefined turns tracing off entirely: no SDK, no span objects, no trace headers.
   */
  readonly otlpEndpoint: string | undefined;
}

/**
 * The telemetry config from the environment: OTEL_EXPORTER_OTLP_ENDPOINT, OpenTelemetry's own variable,
 * so that any tool that sets it (a collector sidecar, `cmesh up --tracing`) switches tracing on. The
 * service's name and instance id come from its own config.
 */
export function telemetryConfigFromEnv(
  env: NodeJS.ProcessEnv,
  service: { readonly serviceName: string; readonly instanceId: string },
): TelemetryConfig {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return { ...service, otlpEndpoint: endpoint === "" ? undefined : endpoint };
}

/** The OTLP/HTTP traces URL for a base endpoint, as OpenTelemetry's exporter spec builds it. */
export function tracesUrlOf(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, "")}/v1/traces`;
}
