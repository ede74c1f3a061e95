// Package telemetry is the datagen service's OpenTelemetry and Prometheus side, built to the same rules as
// the TypeScript services' libs/telemetry so one record's trace reads the same whoever wrote each hop:
// the same span names and attributes, W3C trace context on Record.trace, sampling decided per record by
// the connector's trace.sampling.ratio from the trace id's random bits, and a failure always recorded.
// Tracing is on only when OTEL_EXPORTER_OTLP_ENDPOINT is set; without it every helper is a no-op.
package telemetry
