package telemetry

import (
	"context"
	"errors"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc/metadata"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

const callTraceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

var task = TaskIdentity{Connector: "orders-gen", Task: 2}

// sourceTask traces into a recorder, as Start's provider would export, with the service's sampler.
func sourceTask(t *testing.T, callCtx context.Context, config map[string]string) (*SourceTask, *tracetest.SpanRecorder) {
	t.Helper()
	recorder := tracetest.NewSpanRecorder()
	provider := sdktrace.NewTracerProvider(sdktrace.WithSampler(NewSampler()), sdktrace.WithSpanProcessor(recorder))
	t.Cleanup(func() { _ = provider.Shutdown(context.Background()) })
	tracer, err := NewTracing(provider).SourceTask(callCtx, task, config)
	if err != nil {
		t.Fatal(err)
	}
	return tracer, recorder
}

func records(n int) []*connectmeshv1.Record {
	out := make([]*connectmeshv1.Record, n)
	for i := range out {
		out[i] = &connectmeshv1.Record{Topic: "orders"}
	}
	return out
}

func spansNamed(recorder *tracetest.SpanRecorder, name string) []sdktrace.ReadOnlySpan {
	var named []sdktrace.ReadOnlySpan
	for _, span := range recorder.Ended() {
		if span.Name() == name {
			named = append(named, span)
		}
	}
	return named
}

func attributeOf(span sdktrace.ReadOnlySpan, key string) attribute.Value {
	for _, kv := range span.Attributes() {
		if string(kv.Key) == key {
			return kv.Value
		}
	}
	return attribute.Value{}
}

func TestEachRecordStartsItsOwnTraceAndCarriesItOnRecordTrace(t *testing.T) {
	callCtx := metadata.NewIncomingContext(context.Background(), metadata.Pairs("traceparent", callTraceparent))
	tracer, recorder := sourceTask(t, callCtx, map[string]string{})
	batch := records(2)
	partition := int32(3)
	batch[1].KafkaPartition = &partition
	tracer.StartBatch(batch).End()

	recordSpans := spansNamed(recorder, "source read record")
	if len(recordSpans) != 2 {
		t.Fatalf("%d record spans, want 2", len(recordSpans))
	}
	for i, span := range recordSpans {
		want := "00-" + span.SpanContext().TraceID().String() + "-" + span.SpanContext().SpanID().String() + "-01"
		if got := batch[i].GetTrace().GetTraceparent(); got != want {
			t.Errorf("record %d: traceparent %q, want its span's %q", i, got, want)
		}
		if span.Parent().IsValid() || span.SpanKind() != trace.SpanKindProducer {
			t.Errorf("record %d: parent %v, kind %v; want a root producer span", i, span.Parent(), span.SpanKind())
		}
		for key, want := range map[string]string{"connect-mesh.connector": "orders-gen", "connect-mesh.hop": "source-read",
			"messaging.system": "kafka", "messaging.destination.name": "orders"} {
			if got := attributeOf(span, key).AsString(); got != want {
				t.Errorf("record %d: %s = %q, want %q", i, key, got, want)
			}
		}
		if got := attributeOf(span, "connect-mesh.task").AsInt64(); got != 2 {
			t.Errorf("record %d: connect-mesh.task = %d, want 2", i, got)
		}
	}
	if recordSpans[0].SpanContext().TraceID() == recordSpans[1].SpanContext().TraceID() {
		t.Error("two records share a trace; each must have its own")
	}
	if got := attributeOf(recordSpans[1], "messaging.destination.partition.id").AsString(); got != "3" {
		t.Errorf("partition id %q, want \"3\"", got)
	}

	batchSpans := spansNamed(recorder, "source read")
	if len(batchSpans) != 1 {
		t.Fatalf("%d batch spans, want 1", len(batchSpans))
	}
	batchSpan := batchSpans[0]
	if got := batchSpan.Parent().TraceID().String(); got != "4bf92f3577b34da6a3ce929d0e0e4736" {
		t.Errorf("batch span's parent trace %s, want the call metadata's", got)
	}
	if len(batchSpan.Links()) != 2 || batchSpan.Links()[1].SpanContext.SpanID() != recordSpans[1].SpanContext().SpanID() {
		t.Errorf("batch span links %v, want the two record spans", batchSpan.Links())
	}
	if got := attributeOf(batchSpan, "messaging.batch.message_count").AsInt64(); got != 2 {
		t.Errorf("message count %d, want 2", got)
	}
}

func TestARecordItsRatioDoesNotSampleCarriesOnlyTheUnsampledMarker(t *testing.T) {
	tracer, recorder := sourceTask(t, context.Background(), map[string]string{SamplingRatioKey: "0"})
	batch := records(2)
	tracer.StartBatch(batch).End()

	if len(recorder.Ended()) != 0 {
		t.Errorf("%d spans recorded at ratio 0, want none", len(recorder.Ended()))
	}
	for i, record := range batch {
		got := record.GetTrace()
		if !got.GetUnsampled() || got.GetTraceparent() != "" || got.GetTracestate() != "" {
			t.Errorf("record %d: Record.trace = %v, want only unsampled, with no ids", i, got)
		}
	}
}

func TestEachBatchIsDecidedAsAWholeAtTheRatio(t *testing.T) {
	tracer, recorder := sourceTask(t, context.Background(), map[string]string{SamplingRatioKey: "0.5"})
	batches := make([][]*connectmeshv1.Record, 100)
	for i := range batches {
		batches[i] = records(20)
		tracer.StartBatch(batches[i]).End()
	}

	traced := map[string]bool{}
	for _, span := range spansNamed(recorder, "source read record") {
		traced["00-"+span.SpanContext().TraceID().String()+"-"+span.SpanContext().SpanID().String()+"-01"] = true
	}
	unsampledBatches := 0
	for b, batch := range batches {
		unsampled := 0
		for i, record := range batch {
			switch got := record.GetTrace(); {
			case got.GetUnsampled() && got.GetTraceparent() == "":
				unsampled++
			case !got.GetUnsampled() && traced[got.GetTraceparent()]:
			default:
				t.Errorf("batch %d record %d: Record.trace = %v, want a recorded span's sampled traceparent or only unsampled", b, i, got)
			}
		}
		// One decision per batch: all of it traced or none, so an unsampled batch can travel packed.
		if unsampled != 0 && unsampled != len(batch) {
			t.Errorf("batch %d: %d of %d records unsampled, want all or none", b, unsampled, len(batch))
		}
		if unsampled == len(batch) {
			unsampledBatches++
		}
	}
	// Each way has a chance of 2^-100 of not showing at all.
	if unsampledBatches == 0 || unsampledBatches == len(batches) {
		t.Errorf("%d of %d batches unsampled at ratio 0.5", unsampledBatches, len(batches))
	}
}

func TestARecordMarkedUnsampledStartsNoTraceOfItsOwn(t *testing.T) {
	tracer, recorder := sourceTask(t, context.Background(), map[string]string{SamplingRatioKey: "1"})
	batch := records(1)
	batch[0].Trace = &connectmeshv1.TraceContext{Unsampled: true}
	tracer.StartBatch(batch).End()

	if len(recorder.Ended()) != 0 {
		t.Errorf("%d spans recorded, want none: the record's trace was decided before this hop", len(recorder.Ended()))
	}
	if got := batch[0].GetTrace(); !got.GetUnsampled() || got.GetTraceparent() != "" {
		t.Errorf("Record.trace = %v, want it still only unsampled", got)
	}
}

func TestAnUnsampledTraceFromOutsidePassesOnAsItCame(t *testing.T) {
	tracer, recorder := sourceTask(t, context.Background(), map[string]string{SamplingRatioKey: "1"})
	batch := records(1)
	outside := "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
	batch[0].Trace = &connectmeshv1.TraceContext{Traceparent: outside, Tracestate: "vendor=1"}
	tracer.StartBatch(batch).End()

	if len(recorder.Ended()) != 0 {
		t.Errorf("%d spans recorded, want none: the outside trace is not sampled", len(recorder.Ended()))
	}
	got := batch[0].GetTrace()
	if got.GetTraceparent() != outside || got.GetTracestate() != "vendor=1" || got.GetUnsampled() {
		t.Errorf("Record.trace = %v, want the outside context as it came, not the marker", got)
	}
}

func TestARecordThatCarriesATraceContinuesIt(t *testing.T) {
	tracer, recorder := sourceTask(t, context.Background(), map[string]string{SamplingRatioKey: "0"})
	batch := records(1)
	batch[0].Trace = &connectmeshv1.TraceContext{Traceparent: callTraceparent, Tracestate: "vendor=1"}
	tracer.StartBatch(batch).End()

	spans := spansNamed(recorder, "source read record")
	if len(spans) != 1 {
		t.Fatalf("%d record spans, want 1: a sampled upstream trace wins over the ratio", len(spans))
	}
	if spans[0].Parent().SpanID().String() != "00f067aa0ba902b7" {
		t.Errorf("parent span %s, want the record's upstream span", spans[0].Parent().SpanID())
	}
	got := batch[0].GetTrace()
	if !strings.HasPrefix(got.GetTraceparent(), "00-4bf92f3577b34da6a3ce929d0e0e4736-") || got.GetTracestate() != "vendor=1" {
		t.Errorf("Record.trace = %v, want the upstream trace and tracestate continued", got)
	}
}

func TestAFailedReadIsRecordedEvenWhenNothingIsSampled(t *testing.T) {
	tracer, recorder := sourceTask(t, context.Background(), map[string]string{SamplingRatioKey: "0"})
	tracer.RecordReadFailure(errors.New("the source is gone"))

	spans := spansNamed(recorder, "source read")
	if len(spans) != 1 {
		t.Fatalf("%d failed batch spans recorded, want 1", len(spans))
	}
	span := spans[0]
	if span.Status().Code != codes.Error || span.Status().Description != "the source is gone" {
		t.Errorf("status %v, want the error", span.Status())
	}
	if !attributeOf(span, sampledOnErrorAttribute).AsBool() || len(span.Events()) != 1 {
		t.Errorf("attributes %v, events %v; want sampled_on_error and the exception", span.Attributes(), span.Events())
	}
}

func TestTracingOffTouchesNoRecord(t *testing.T) {
	var tracing *Tracing
	tracer, err := tracing.SourceTask(context.Background(), task, map[string]string{SamplingRatioKey: "bad"})
	if err != nil || tracer != nil {
		t.Fatalf("tracer %v, error %v; want nil, nil with tracing off", tracer, err)
	}
	batch := records(1)
	tracer.StartBatch(batch).End()
	tracer.RecordReadFailure(errors.New("x"))
	if batch[0].GetTrace() != nil {
		t.Errorf("Record.trace = %v, want none with tracing off", batch[0].GetTrace())
	}
}

func TestABadRatioIsRefused(t *testing.T) {
	provider := sdktrace.NewTracerProvider()
	if _, err := NewTracing(provider).SourceTask(context.Background(), task, map[string]string{SamplingRatioKey: "2"}); err == nil {
		t.Error("ratio 2 was accepted")
	}
}
