package telemetry

import (
	"context"

	"go.opentelemetry.io/otel/propagation"
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

// fromRecordTrace is the context a record's trace continues from; background when it carries none.
func fromRecordTrace(recordTrace *connectmeshv1.TraceContext) context.Context {
	if recordTrace.GetTraceparent() == "" {
		return context.Background()
	}
	return w3c.Extract(context.Background(), propagation.MapCarrier{
		"traceparent": recordTrace.GetTraceparent(),
		"tracestate":  recordTrace.GetTracestate(),
	})
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
