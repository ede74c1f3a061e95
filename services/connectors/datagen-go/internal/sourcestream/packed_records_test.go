package sourcestream

import (
	"testing"

	"google.golang.org/protobuf/proto"

	connectmeshv1 "connect-mesh.dev/connectors/datagen/gen/connectmesh/v1"
)

var (
	stringSchema = &connectmeshv1.Schema{Type: connectmeshv1.SchemaType_SCHEMA_TYPE_STRING}
	int64Schema  = &connectmeshv1.Schema{Type: connectmeshv1.SchemaType_SCHEMA_TYPE_INT64}
)

func text(value string) *connectmeshv1.Value {
	return &connectmeshv1.Value{Kind: &connectmeshv1.Value_StringValue{StringValue: value}}
}

func number(value int64) *connectmeshv1.Value {
	return &connectmeshv1.Value{Kind: &connectmeshv1.Value_IntValue{IntValue: value}}
}

// lines are n flat records of one source partition, offsets 1..n, with the given partition value.
func lines(n int, partition string) []*connectmeshv1.Record {
	records := make([]*connectmeshv1.Record, n)
	for i := range records {
		records[i] = &connectmeshv1.Record{
			Topic:           "orders",
			Key:             text("k" + string(rune('a'+i))),
			KeySchema:       stringSchema,
			Value:           text(`{"id":` + string(rune('0'+i)) + `}`),
			ValueSchema:     stringSchema,
			SourcePartition: text(partition),
			SourceOffset:    number(int64(i + 1)),
		}
	}
	return records
}

func TestPackRecordsStatesARunsSharedFieldsOnceAndItsLastOffset(t *testing.T) {
	records := append(lines(4, "task-0"), lines(4, "task-1")...)
	packed := packRecords(records)
	if len(packed) != 2 {
		t.Fatalf("packed into %d runs, want 2 (one per source partition)", len(packed))
	}
	run := packed[0]
	if len(run.Values) != 4 || string(run.Values[2]) != `{"id":2}` || string(run.Keys[3]) != "kd" {
		t.Fatalf("run values %q keys %q", run.Values, run.Keys)
	}
	if !proto.Equal(run.LastSourceOffset, number(4)) || !proto.Equal(packed[1].SourcePartition, text("task-1")) {
		t.Fatalf("run offsets: last %v, second partition %v", run.LastSourceOffset, packed[1].SourcePartition)
	}
	if run.TimestampBaseMs != nil || len(run.TimestampDeltasMs) != 0 {
		t.Fatalf("records without timestamps got base %v, deltas %v", run.TimestampBaseMs, run.TimestampDeltasMs)
	}
}

func TestPackRecordsLeavesABatchThatDoesNotFitInTheRecordForm(t *testing.T) {
	withNumberKey := lines(8, "task-0")
	withNumberKey[5].Key, withNumberKey[5].KeySchema = number(5), int64Schema
	alternating := lines(8, "task-0")
	for i := 1; i < len(alternating); i += 2 {
		alternating[i].SourcePartition = text("task-1")
	}
	sampled := lines(8, "task-0")
	sampled[2].Trace = &connectmeshv1.TraceContext{Traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
	for name, records := range map[string][]*connectmeshv1.Record{
		"a structured key":      withNumberKey,
		"runs too short to pay": alternating,
		"a sampled trace":       sampled,
		"no records":            nil,
	} {
		if packed := packRecords(records); packed != nil {
			t.Errorf("%s: packed into %d runs, want the record form", name, len(packed))
		}
	}
}

func TestPackRecordsGivesTimestampDeltasOnlyWhereTheyDiffer(t *testing.T) {
	records := lines(4, "task-0")
	for i, record := range records {
		stamp := int64(1_795_614_719_000 + i*i)
		record.TimestampMs = &stamp
	}
	run := packRecords(records)[0]
	if *run.TimestampBaseMs != 1_795_614_719_000 || len(run.TimestampDeltasMs) != 4 || run.TimestampDeltasMs[3] != 9 {
		t.Fatalf("base %v deltas %v", *run.TimestampBaseMs, run.TimestampDeltasMs)
	}
}
