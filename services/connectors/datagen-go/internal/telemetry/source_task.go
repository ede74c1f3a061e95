package telemetry

import (
	"context"

	"go.opentelemetry.io/otel/trace"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

// SourceTask is one source task's tracing, as connector-sdk's TaskTracing does it on the TypeScript side:
// a `source read record` span per traced record, where its trace starts, its context written to
// Record.trace for the worker to continue (an unsampled record gets only the unsampled marker), and a
// `source read` span per batch, linked to the sampled record spans, as a child of the context the worker
// put on the call. A nil *SourceTask is tracing off.
type SourceTask struct {
	tracer   trace.Tracer
	identity TaskIdentity
	ratio    float64
	call     context.Context
}

// SourceTask binds a task's identity and its connector's trace.sampling.ratio (from config; an error
// names the key when it is bad); callCtx is the Read call's context, whose metadata may carry a trace.
// With tracing off it returns nil, and the config is not read.
func (t *Tracing) SourceTask(callCtx context.Context, identity TaskIdentity, config map[string]string) (*SourceTask, error) {
	if t == nil {
		return nil, nil
	}
	ratio, err := SamplingRatioFrom(config)
	if err != nil {
		return nil, err
	}
	return &SourceTask{tracer: t.tracer, identity: identity, ratio: ratio, call: fromCallMetadata(callCtx)}, nil
}

// SourceBatch is one batch's spans, ended together once the batch is sent.
type SourceBatch struct {
	batch *hopSpan
	// records are the spans of the batch's traced records; an unsampled record has none.
	records []*hopSpan
}

// StartBatch starts the spans of a batch the plugin read and puts each record's trace context on it. A
// record that already carries a sampled trace (from a traced outside system) continues it; one whose trace
// was decided not sampled before (an outside context with the sampled flag off, or the unsampled marker)
// starts nothing and keeps its Record.trace as it came; the others start their own traces, sampled or not
// together, decided once per batch at the connector's ratio (so an unsampled batch's records all carry
// only the unsampled marker, and the batch can travel packed). Nothing fails a record at this hop (a failed
// read has no records), so an unsampled record needs no span kept for one.
func (s *SourceTask) StartBatch(records []*connectmeshv1.Record) *SourceBatch {
	if s == nil {
		return nil
	}
	batchSampled := drawSampled(s.ratio)
	var spans []*hopSpan
	var links []trace.Link
	for _, record := range records {
		parent, unsampled := fromRecordTrace(record.GetTrace())
		if unsampled {
			continue
		}
		startIn := parent
		if !trace.SpanContextFromContext(parent).IsValid() {
			if !batchSampled {
				record.Trace = unsampledRecordTrace()
				continue
			}
			startIn = withForcedSampling(parent)
		}
		span := startHop(s.tracer, spanSourceReadRecord, trace.SpanKindProducer, startIn, parent,
			s.identity.sourceRecordAttributes(record.GetTopic(), record.KafkaPartition), nil)
		record.Trace = toRecordTrace(span.ctx)
		if span.spanContext().IsSampled() {
			links = append(links, trace.Link{SpanContext: span.spanContext()})
		}
		spans = append(spans, span)
	}
	return &SourceBatch{batch: s.startBatchSpan(links, len(records)), records: spans}
}

// RecordReadFailure records a read that failed before it gave a batch: always traced, as every failure is.
func (s *SourceTask) RecordReadFailure(err error) {
	if s == nil {
		return
	}
	span := s.startBatchSpan(nil, 0)
	span.fail(err)
	span.end()
}

// startBatchSpan is sampled when a record it carries is (it links to them), else follows the call's trace
// if there is one, else is dropped: a batch with no traced record costs nothing, and a failure still shows.
func (s *SourceTask) startBatchSpan(links []trace.Link, recordCount int) *hopSpan {
	startIn := s.call
	switch {
	case len(links) > 0:
		startIn = withForcedSampling(s.call)
	case !trace.SpanContextFromContext(s.call).IsValid():
		startIn = withSamplingRatio(s.call, 0)
	}
	return startHop(s.tracer, spanSourceReadBatch, trace.SpanKindInternal, startIn, s.call,
		s.identity.batchAttributes(hopSourceRead, recordCount), links)
}

// End ends the batch's spans; call it once the batch is sent (or could not be).
func (b *SourceBatch) End() {
	if b == nil {
		return
	}
	for _, span := range b.records {
		span.end()
	}
	b.batch.end()
}
