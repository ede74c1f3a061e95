package telemetry

import (
	"context"
	"fmt"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// instrumentationName names the tracer, as libs/telemetry names its own.
const instrumentationName = "connect-mesh"

// Tracing is the process's tracing. A nil *Tracing is tracing off: its task tracers are nil too, and every
// method on them does nothing, so a record's own trace context passes through untouched.
type Tracing struct {
	tracer trace.Tracer
	// shutdown flushes and stops the provider; nil for a provider the caller owns (tests).
	shutdown func(context.Context) error
}

// Config says where spans go and which process they come from.
type Config struct {
	// OTLPEndpoint is OTEL_EXPORTER_OTLP_ENDPOINT, the OTLP/HTTP base URL; spans go to its /v1/traces.
	// Empty turns tracing off.
	OTLPEndpoint string
	// ServiceName and InstanceID become service.name and service.instance.id on every span.
	ServiceName string
	InstanceID  string
}

// Start sets tracing up: an SDK provider with the record sampler, batching spans to the OTLP/HTTP
// endpoint (protobuf, as the TypeScript services send). With no endpoint it returns nil: tracing off.
func Start(config Config) (*Tracing, error) {
	if config.OTLPEndpoint == "" {
		return nil, nil
	}
	exporter, err := otlptracehttp.New(context.Background(),
		otlptracehttp.WithEndpointURL(strings.TrimRight(config.OTLPEndpoint, "/")+"/v1/traces"))
	if err != nil {
		return nil, fmt.Errorf("OTEL_EXPORTER_OTLP_ENDPOINT %q is not a usable OTLP/HTTP endpoint: %w", config.OTLPEndpoint, err)
	}
	provider := sdktrace.NewTracerProvider(
		sdktrace.WithSampler(recordSampler{}),
		sdktrace.WithBatcher(exporter),
		sdktrace.WithResource(resource.NewSchemaless(
			attribute.String("service.name", config.ServiceName),
			attribute.String("service.instance.id", config.InstanceID),
		)),
	)
	return &Tracing{tracer: provider.Tracer(instrumentationName), shutdown: provider.Shutdown}, nil
}

// NewTracing traces through a provider the caller owns and shuts down; tests pass one that keeps spans
// in memory. It must use NewSampler's sampler for the sampling rules to hold.
func NewTracing(provider trace.TracerProvider) *Tracing {
	return &Tracing{tracer: provider.Tracer(instrumentationName)}
}

// NewSampler is the record sampler every provider of this service runs (see recordSampler).
func NewSampler() sdktrace.Sampler { return recordSampler{} }

// Shutdown exports the spans still queued, then stops; call it last, on stop.
func (t *Tracing) Shutdown(ctx context.Context) error {
	if t == nil || t.shutdown == nil {
		return nil
	}
	return t.shutdown(ctx)
}
