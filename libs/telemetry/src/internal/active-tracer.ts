import type { Tracer } from "@opentelemetry/api";

/**
 * The tracer of the running telemetry, or undefined while tracing is off. Spans are started only through
 * it, so a process without an OTLP endpoint allocates no spans at all on its per-record paths.
 */
let tracer: Tracer | undefined;

export function activeTracer(): Tracer | undefined {
  return tracer;
}

export function setActiveTracer(next: Tracer | undefined): void {
  tracer = next;
}
