package telemetry

import (
	"context"

	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc/metadata"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// w3c is the W3C trace context, used directly rather than through a global propagator, as libs/telemetry
// does, so a record's own context passes through whether or not this process traces.
var w3c = propagation.TraceContext{}

// toRecordTrace is ctx's trace context as the contract's Record.trace, or nil when ctx carries none.
func toRecordTrace(ctx context.Context) *connectmeshv1.TraceContext {
	carrier := propagation.MapCarrier{}
	w3c.Inject(ctx, carrier)
	if carrier["traceparent"] == "" {
		return nil
	}
	return &connectmeshv1.TraceContext{Traceparent: carrier["traceparent"], Tracestate: carrier["tracestate"]}
}

// fromRecordTrace is the context a record's trace continues from (background when it carries none), and
// whether that trace was decided not sampled before this hop: the contract's unsampled marker (whose trace
// a first hop started and did not sample), or a W3C context from outside with the sampled flag off. Such a
// record starts no span here and passes its Record.trace on as it came.
func fromRecordTrace(recordTrace *connectmeshv1.TraceContext) (parent context.Context, unsampled bool) {
	if recordTrace.GetUnsampled() {
		return context.Background(), true
	}
	if recordTrace.GetTraceparent() == "" {
		return context.Background(), false
	}
	parent = w3c.Extract(context.Background(), propagation.MapCarrier{
		"traceparent": recordTrace.GetTraceparent(),
		"tracestate":  recordTrace.GetTracestate(),
	})
	spanContext := trace.SpanContextFromContext(parent)
	return parent, spanContext.IsValid() && !spanContext.IsSampled()
}

// unsampledRecordTrace is Record.trace for a record whose trace starts at this hop and is not sampled: the
// marker alone. Carrying ids for a trace in which nothing is recorded cost every record its encoding at
// every hop; a hop at which the record fails records its span in a new trace instead.
func unsampledRecordTrace() *connectmeshv1.TraceContext {
	return &connectmeshv1.TraceContext{Unsampled: true}
}

// fromCallMetadata is the context the worker put on a call's metadata (sent once, when the call starts),
// on a background context: spans must outlive nothing of the call's cancellation.
func fromCallMetadata(callCtx context.Context) context.Context {
	incoming, _ := metadata.FromIncomingContext(callCtx)
	carrier := propagation.MapCarrier{}
	for _, key := range w3c.Fields() {
		if values := incoming.Get(key); len(values) > 0 {
			carrier[key] = values[0]
		}
	}
	return w3c.Extract(context.Background(), carrier)
}
