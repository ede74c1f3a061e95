package telemetry

import (
	"context"
	"fmt"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// sampledOnErrorAttribute marks a span recorded only because its hop failed (its trace was not sampled).
const sampledOnErrorAttribute = "connect-mesh.sampled_on_error"

// hopSpan is one hop's span with libs/telemetry's failure rule on top: fail always ends in a recorded span.
type hopSpan struct {
	tracer     trace.Tracer
	name       string
	kind       trace.SpanKind
	span       trace.Span
	ctx        context.Context
	attributes []attribute.KeyValue
	start      time.Time
}

func startHop(tracer trace.Tracer, name string, kind trace.SpanKind, startIn, parent context.Context,
	attributes []attribute.KeyValue, links []trace.Link) *hopSpan {
	start := time.Now()
	_, span := tracer.Start(startIn, name, trace.WithSpanKind(kind), trace.WithAttributes(attributes...),
		trace.WithLinks(links...), trace.WithTimestamp(start))
	return &hopSpan{tracer: tracer, name: name, kind: kind, span: span, ctx: trace.ContextWithSpan(parent, span),
		attributes: attributes, start: start}
}

// spanContext is what the next hop continues from and what carriers write.
func (h *hopSpan) spanContext() trace.SpanContext { return h.span.SpanContext() }

// fail marks the hop failed. When it was not sampled, a span with the same name, start and attributes is
// recorded, forced, as a child of the dropped one: it shares the record's trace id, and the hops after it
// continue from it, sampled.
func (h *hopSpan) fail(err error) {
	if !h.span.IsRecording() {
		attributes := append(append([]attribute.KeyValue{}, h.attributes...), attribute.Bool(sampledOnErrorAttribute, true))
		_, h.span = h.tracer.Start(withForcedSampling(h.ctx), h.name, trace.WithSpanKind(h.kind),
			trace.WithAttributes(attributes...), trace.WithTimestamp(h.start))
		h.ctx = trace.ContextWithSpan(h.ctx, h.span)
	}
	h.span.RecordError(err)
	h.span.SetAttributes(attribute.String("error.type", fmt.Sprintf("%T", err)))
	h.span.SetStatus(codes.Error, err.Error())
}

func (h *hopSpan) end() { h.span.End() }
