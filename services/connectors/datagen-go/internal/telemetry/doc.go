// Package telemetry is the datagen service's OpenTelemetry and Prometheus side, built to the same rules as
// the TypeScript services' libs/telemetry so one record's trace reads the same whoever wrote each hop:
// the same span names and attributes, sampling decided once per record, at its first hop, by the
// connector's trace.sampling.ratio, and a failure always recorded. A traced record carries its W3C trace
// context on Record.trace; one whose trace starts here and is not sampled carries only the contract's
// unsampled marker (no ids), and one whose trace came unsampled from outside keeps that context as it came.
// Tracing is on only when OTEL_EXPORTER_OTLP_ENDPOINT is set; without it every helper is a no-op.
package telemetry
